// The bench page: runs the messenger workload against one contender at a time, each in its own
// dedicated Worker started by web/parta-client.js, and times every operation here, as a round
// trip from the page, so all contenders pay the same messaging cost. bench/browser/run.mjs
// drives it through window.bench and turns the raw samples into figures.
//
// Loaded with ?coldStart=CONTENDER&open=JSON it instead measures a cold start at once: a new
// worker, open, and the first latest-50 page, from navigation start.
import { startPartaWorker } from "/parta-client.js";

import { kFirstPageMark } from "./cold-start-profile.mjs";
import { kChats, kPageMessages, newestMessageIn, syncPageText } from "./workload.mjs";

const kWorkers = {
  // web/parta-client.js's default worker, web/parta-worker.js.
  ours: undefined,
  "opfs-sahpool": new URL("./sqlite-sahpool-worker.mjs", import.meta.url),
  indexeddb: new URL("./indexeddb-worker.mjs", import.meta.url),
};
const kReads = 200;
const kDurableCommits = 200;
const kLatestPage = 50;
const kColdStartChat = "1";
const kProgressEvery = 10000;

function valueOf(result, what) {
  if (result?.ok === true) return result.value;
  throw new Error(`${what} answered ${JSON.stringify(result)?.slice(0, 300)}`);
}

async function startContender(contender, openOptions) {
  if (!(contender in kWorkers)) throw new Error(`unknown contender ${contender}`);
  const worker = await startPartaWorker(kWorkers[contender]);
  try {
    // web/parta-worker.js answers open with {tier, fallbackReasons} as it is; the peers, like
    // every other Client method, with a ClientResult.
    const answer = await worker.client.open(openOptions);
    const opened = answer?.tier ? answer : valueOf(answer, "client.open");
    // Ours must really be on OPFS: a fallback tier would measure something else.
    if (contender === "ours" && opened?.tier !== "opfs") {
      throw new Error(`ours opened tier ${JSON.stringify(opened?.tier)}, not "opfs"`);
    }
    return { worker, opened };
  } catch (error) {
    worker.terminate();
    throw error;
  }
}

async function timed(operation) {
  const started = performance.now();
  const result = await operation();
  return [performance.now() - started, result];
}

// A worker terminated a moment ago may still hold its OPFS access handles.
async function retried(operation) {
  for (let attempt = 1; ; ++attempt) {
    try {
      return await operation();
    } catch (error) {
      if (attempt === 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function checkLatestPage(page, chatId, stored) {
  const newest = String(newestMessageIn(chatId, stored));
  if (page.length !== kLatestPage || page.at(-1).id !== newest) {
    const got = `${page.length} messages ending at ${page.at(-1)?.id}`;
    throw new Error(`latest-50 of chat ${chatId}: ${got}, expected ${kLatestPage} ending at ${newest}`);
  }
}

async function latestPages(client, stored, pageOptions) {
  const samples = [];
  for (let i = 0; i < kReads; ++i) {
    const chatId = 1 + (i % kChats);
    const [ms, result] = await timed(() => client.messages(String(chatId), { limit: kLatestPage, ...pageOptions }));
    checkLatestPage(valueOf(result, "client.messages"), chatId, stored);
    samples.push(ms);
  }
  return samples;
}

// A reload fires the page's pagehide, on which web/parta-client.js closes the store; each
// contender closes its own here the same way, so a cold start opens what a reload leaves.
async function closeAsOnReload(worker) {
  const answer = await worker.client.close();
  if (answer !== true) valueOf(answer, "client.close");
}

/** Fills a fresh store with `messages` messages and times apply, reads and durable commits. */
async function runWorkload({ contender, open, messages, texts }) {
  const [startMs, { worker, opened }] = await timed(() => startContender(contender, open));
  const { client } = worker;
  let samples;
  try {
    const applyPageMs = [];
    for (let first = 1; first <= messages; first += kPageMessages) {
      const text = syncPageText(first, kPageMessages, texts);
      const [ms, result] = await timed(() => client.applySync(text, Date.now()));
      valueOf(result, `client.applySync of messages ${first}..`);
      applyPageMs.push(ms);
      const applied = first + kPageMessages - 1;
      if (applied % kProgressEvery === 0) console.log(`bench: ${contender} ${applied} messages applied`);
    }
    const latest50Ms = await latestPages(client, messages, {});
    // The same reads once more: a reader's pages once V8 has optimized the read path, which
    // the first 200 are still paying for (ours most: its reads run code the apply never did).
    const latest50AgainMs = await latestPages(client, messages, {});
    const latest50GetAllRecordsMs =
      contender === "indexeddb" ? await latestPages(client, messages, { read: "getAllRecords" }) : null;
    const durableCommitMs = [];
    for (let i = 0; i < kDurableCommits; ++i) {
      const chatId = String(1 + (i % kChats));
      const [ms, result] = await timed(() => client.enqueue(chatId, `сообщение ${i}`, null, null, Date.now()));
      valueOf(result, "client.enqueue");
      durableCommitMs.push(ms);
    }
    samples = { opened, startMs, applyPageMs, latest50Ms, latest50AgainMs, latest50GetAllRecordsMs, durableCommitMs };
    await closeAsOnReload(worker);
  } finally {
    worker.terminate();
  }
  // Measured once the worker is gone: while OPFS access handles are open, Chromium counts the
  // quota it reserved for them on top of the files' sizes.
  return { ...samples, usageBytes: await settledUsage(), opfsFileBytes: await opfsFileBytes() };
}

// The usage Chromium reports once it stops changing (it releases reservations asynchronously).
async function settledUsage() {
  let previous = -1;
  for (let reading = 0; reading < 30; ++reading) {
    const { usage } = await navigator.storage.estimate();
    if (usage === previous) return usage;
    previous = usage;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return previous;
}

/** The summed sizes of every file in the origin's OPFS. */
async function opfsFileBytes(directory = null) {
  let bytes = 0;
  for await (const entry of (directory ?? (await navigator.storage.getDirectory())).values()) {
    bytes += entry.kind === "directory" ? await opfsFileBytes(entry) : (await retried(() => entry.getFile())).size;
  }
  return bytes;
}

/** Deletes the contender's store through its own wipe(). */
async function wipe({ contender, open }) {
  const { worker } = await startContender(contender, open);
  try {
    valueOf(await worker.client.wipe(), "client.wipe");
  } finally {
    worker.terminate();
  }
}

/** Empties the origin's OPFS and IndexedDB, whatever a contender left; answers the usage after. */
async function clearOriginStorage() {
  const root = await navigator.storage.getDirectory();
  for await (const name of root.keys()) await retried(() => root.removeEntry(name, { recursive: true }));
  for (const { name } of await indexedDB.databases()) {
    await new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = resolve;
      request.onerror = () => reject(request.error);
    });
  }
  return settledUsage();
}

/** The value a one-shot measuring worker posts ({ok, value} or {ok: false, message}). */
function measuredBy(workerFile, what) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(workerFile, import.meta.url), { type: "module" });
    worker.onmessage = ({ data }) => {
      worker.terminate();
      if (data.ok) resolve(data.value);
      else reject(new Error(`${what}: ${data.message}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`${what}: ${event.message}`));
    };
  });
}

/** Samples of one OPFS write+flush of a WAL frame (flush-floor-worker.mjs). */
const flushFloor = () => measuredBy("./flush-floor-worker.mjs", "flush floor");

/** Our page parse against JSON.parse of the same text, in one worker (parse-worker.mjs). */
const parseCost = () => measuredBy("./parse-worker.mjs", "parse cost");

async function measureColdStart(contender, openOptions) {
  const workerCreated = performance.now();
  const { worker } = await startContender(contender, openOptions);
  const page = valueOf(await worker.client.messages(kColdStartChat, { limit: kLatestPage }), "client.messages");
  const firstPage = performance.now();
  // For cold-start-profile.mjs: what V8 traced after this mark happened after the first page.
  performance.mark(kFirstPageMark);
  await closeAsOnReload(worker);
  worker.terminate();
  if (page.length < kLatestPage) throw new Error(`cold start read ${page.length} messages, expected ${kLatestPage}`);
  return { fromNavigationMs: firstPage, fromWorkerCreationMs: firstPage - workerCreated };
}

const query = new URLSearchParams(location.search);
window.bench = {
  runWorkload,
  wipe,
  clearOriginStorage,
  flushFloor,
  parseCost,
  timerResolution: crossOriginIsolated ? "5 µs (cross-origin isolated)" : "100 µs (not cross-origin isolated)",
  coldStart: query.has("coldStart") ? measureColdStart(query.get("coldStart"), JSON.parse(query.get("open"))) : null,
};
// Keeps a rejected cold start from surfacing as an unhandled rejection before run.mjs awaits it.
window.bench.coldStart?.catch(() => {});
