// Dedicated module Worker that holds the Parta core (wasm). The page talks to it only through
// messages, so parsing, policy and storage never block the UI thread.
//
// Protocol: the worker first posts {type: "ready"} or {type: "failed", message}. Then each
// request {id, method, args} gets {id, result}, {id, resultText} (the JSON text of the result,
// for "client.NAME": parta.Client answers in text, and one string crosses to the page for
// less than its objects would) or {id, error: {name, message}}. Methods are:
//   the module's functions, by name;
//   "storage.probe" (args: [{storage}]): where a database would be kept, {tier, fallbackReasons};
//   "client.open" (args: [options]): opens the worker's one parta.Client on the best storage
//     the browser offers; "client.close";
//   "client.NAME": calls that Client's method NAME.
// A named database has one owner across the tabs (database-ownership.js); the other tabs'
// workers forward client.NAME to it. Unasked, the worker posts {type: "changed", method} when
// the store may have changed (in any tab) and {type: "role", role: "owner"} when this tab took
// the database over from a closed one.
import createParta from "./wasm/parta.mjs";
import { openDatabaseFiles, probeDatabaseFiles } from "./wasm/storage/browser_files.mjs";
import { kDatabaseFile } from "./wasm/storage/database_files.mjs";
import { DatabaseOwnership, onlyReads } from "./database-ownership.js";

const partaReady = createParta();
const kClientPrefix = "client.";
const kPrivateDatabase = "private";
let client = null;
let files = null;
let openedWith = null;
let ownership = null;

// One call at a time, in arrival order: an open must finish before the calls after it run.
// Calls forwarded by other tabs join the same line.
let queue = Promise.resolve();
function serialize(task) {
  const done = queue.then(task);
  queue = done.catch(() => {});
  return done;
}

// A second after the last write (each write restarts the wait): the write-ahead log goes into
// the database (Client.compactLog), so a tab killed later leaves the next open nothing to read.
const kCompactAfterIdleMs = 1000;
let compactTimer = null;

function compactWhenIdle() {
  clearTimeout(compactTimer);
  compactTimer = setTimeout(
    () =>
      serialize(async () => {
        if (!client) return;
        client.compactLog();
        // The IndexedDB tier keeps the database pages the checkpoint wrote. If the browser
        // refuses them now, they stay marked and go with the next write's persist.
        await files.persist().catch(() => {});
      }),
    kCompactAfterIdleMs,
  );
}

function closeFiles(parta) {
  clearTimeout(compactTimer);
  client?.delete();
  client = null;
  files?.close();
  files = null;
  parta.partaFiles = undefined;
}

async function openFiles(parta, { databaseName, storage, journalMode, pageSize, simulateQuotaBytes }) {
  const opened = await openDatabaseFiles({
    databaseName: databaseName ?? kPrivateDatabase,
    storage: databaseName ? storage : "memory",
    simulateQuotaBytes,
  });
  files = opened.files;
  openedWith = { databaseName, storage, journalMode, pageSize, simulateQuotaBytes };
  parta.partaFiles = files;
  // This worker is the files' only user (it owns the database's Web Lock, or the store is
  // private to it), which lets SQLite run WAL without shared memory.
  client = new parta.Client({ databasePath: kDatabaseFile, vfs: "parta-browser", exclusive: true, journalMode, pageSize });
  // Opening may have migrated the schema; keep that too.
  await files.persist();
  return { tier: opened.tier, fallbackReasons: opened.fallbackReasons };
}

async function runOnClient(method, args) {
  const name = method.slice(kClientPrefix.length);
  if (!client) throw new Error(`${method} before client.open`);
  if (typeof client[name] !== "function") throw new TypeError(`unknown method ${method}`);
  const result = client[name](...args);
  if (!onlyReads(method)) compactWhenIdle();
  // The IndexedDB tier stores the commit here; the answer (for enqueue: "saved") waits for it.
  try {
    await files.persist();
  } catch (error) {
    if (error?.name !== "QuotaExceededError") throw error;
    // SQLite committed in memory what the browser refused to store. Reopening from what
    // IndexedDB holds drops it again, so the store shows only what is kept, and the call
    // answers as a full disk does.
    const parta = await partaReady;
    const options = openedWith;
    closeFiles(parta);
    await openFiles(parta, options);
    return parta.storageFullAnswer(String(error.message ?? error));
  }
  return result;
}

function closeClient() {
  ownership?.close();
  ownership = null;
}

/**
 * options: {databaseName, storage: "auto" | "opfs" | "indexeddb" | "memory", journalMode,
 * pageSize, simulateQuotaBytes}. Without databaseName the store is private to this worker and
 * kept in memory. Answers {tier, fallbackReasons, role: "owner" | "follower"}; a follower's
 * tier is the owner's.
 */
async function openClient(parta, options) {
  closeClient();
  const opened = await DatabaseOwnership.open({
    databaseName: options?.databaseName,
    local: {
      open: () => openFiles(parta, options ?? {}),
      close: () => closeFiles(parta),
      run: runOnClient,
      serialize,
    },
    notifyPage: (notice) => self.postMessage(notice),
  });
  ownership = opened.ownership;
  return { tier: opened.tier, fallbackReasons: opened.fallbackReasons, role: opened.role };
}

/** Answers {result} or, for a parta.Client method, {resultText}. */
async function call(parta, method, args) {
  if (method === "client.open") return { result: await openClient(parta, ...args) };
  if (method === "client.close") {
    closeClient();
    return { result: true };
  }
  if (method === "storage.probe") return { result: await probeDatabaseFiles(...args) };
  if (method.startsWith(kClientPrefix)) {
    if (!ownership) throw new Error(`${method} before client.open`);
    return { resultText: await ownership.call(method, args) };
  }
  if (typeof parta[method] !== "function") throw new TypeError(`unknown method ${method}`);
  return { result: parta[method](...args) };
}

partaReady.then(
  () => self.postMessage({ type: "ready" }),
  (error) => self.postMessage({ type: "failed", message: String(error) }),
);

self.onmessage = ({ data: { id, method, args } }) => {
  serialize(async () => {
    try {
      self.postMessage({ id, ...(await call(await partaReady, method, args)) });
    } catch (error) {
      self.postMessage({ id, error: { name: error?.name ?? "Error", message: String(error?.message ?? error) } });
    }
    ownership?.announceChanges();
  });
};
