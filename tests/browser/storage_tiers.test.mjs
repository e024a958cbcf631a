// The storage tiers of wasm/storage/ under the real worker in Chromium: what each keeps across
// a page reload, which one "auto" picks, and what an exhausted quota does to a sync page. Then
// the IndexedDB tier's files on their own: cutting and growing, and a write-back refused by
// the browser's quota.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { startStaticServer } from "../../scripts/lib/static-server.mjs";
import { openApp, startAppSession } from "./support/chromium.mjs";
import { parentsChatEvents } from "./support/fixtures.mjs";

const kChat = "12";
const kNow = 1700000500000;

// The parent's profile, the parents' chat and two messages.
const profilePage = {
  cursor: "c-1",
  more: false,
  events: [
    ...parentsChatEvents(12),
    { type: "message", message: { id: 101, chatId: 12, senderId: 3, serverTime: 1700000100000, text: "Собрание в четверг в 18:00" } },
    { type: "message", message: { id: 102, chatId: 12, senderId: 5, serverTime: 1700000200000, text: "Спасибо, придём" } },
  ],
};

// A page of `count` messages, large enough to span many pages of the database.
function homeworkPage(count) {
  const events = Array.from({ length: count }, (_, n) => ({
    type: "message",
    message: {
      id: 1000 + n,
      chatId: 12,
      senderId: 3,
      serverTime: 1700000300000 + n,
      text: `Задание ${n}: прочитать параграф ${n % 40} и решить упражнения ${n % 17}–${(n % 17) + 5}. Тетради сдать в пятницу.`,
    },
  }));
  return JSON.stringify({ cursor: "c-2", more: false, events });
}

let session;

before(async () => {
  session = await startAppSession();
  await startWorker();
});

after(async () => {
  await session?.close();
});

// A fresh worker for the page, as the app starts one on each load.
function startWorker() {
  return session.page.evaluate(async () => {
    const { startPartaWorker } = await import("/parta-client.js");
    globalThis.partaForTest?.terminate();
    globalThis.partaForTest = await startPartaWorker();
  });
}

async function reloadPage() {
  await session.page.reload();
  await session.page.waitForSelector("body[data-ready='true']", { timeout: 30000 });
  await startWorker();
}

// Calls the worker's Client method `method` from the page.
const client = (method, ...args) =>
  session.page.evaluate(([name, values]) => globalThis.partaForTest.call(`client.${name}`, ...values), [method, args]);

// Opens the worker's Client; answers where the store is kept and which better tiers were passed over.
async function openStore(options) {
  const { tier, fallbackReasons } = await client("open", options);
  return { tier, fallbackReasons };
}

// The worker's answer to client.open when it refuses: {name, message}.
const openRefusal = (options) =>
  session.page.evaluate(async (values) => {
    try {
      await globalThis.partaForTest.client.open(values);
      return null;
    } catch (error) {
      return { name: error.name, message: error.message };
    }
  }, options);

// Every message of the chat, oldest first, as [id, text, delivery], the outbox echo last.
const allMessages = (chatId) =>
  session.page.evaluate(async (chat) => {
    const rows = [];
    for (let beforeId; ; ) {
      const page = await globalThis.partaForTest.client.messages(chat, beforeId ? { limit: 500, beforeId } : { limit: 500 });
      if (!page.ok) throw new Error(`messages: ${page.error} ${page.detail}`);
      rows.unshift(...page.value.map((message) => [message.id, message.text, message.delivery]));
      const stored = page.value.filter((message) => message.id !== null);
      if (stored.length < 500) return rows;
      beforeId = stored[0].id;
    }
  }, chatId);

// Syncs the profile and queues one message; answers the queued item's clientId.
async function fillStore() {
  assert.deepEqual(await client("applySync", JSON.stringify(profilePage), kNow), {
    ok: true,
    value: { cursor: "c-1", more: false, events: 5 },
  });
  const enqueued = await client("enqueue", kChat, "Я принесу документы", null, null, kNow);
  assert.equal(enqueued.ok, true);
  return enqueued.value;
}

const kProfileMessages = [
  ["101", "Собрание в четверг в 18:00", "delivered"],
  ["102", "Спасибо, придём", "delivered"],
];
const kQueuedMessage = [null, "Я принесу документы", "sending"];

test("tier 2 (IndexedDB) keeps synced messages and an acknowledged outbox item across a reload", async () => {
  const options = { databaseName: "reload-indexeddb", storage: "indexeddb" };
  assert.deepEqual(await openStore(options), { tier: "indexeddb", fallbackReasons: [] });
  const clientId = await fillStore();
  assert.deepEqual(await client("applySync", homeworkPage(1500), kNow), {
    ok: true,
    value: { cursor: "c-2", more: false, events: 1500 },
  });
  const messagesBefore = await allMessages(kChat);
  const outboxBefore = await client("outbox");
  assert.equal(messagesBefore.length, 2 + 1500 + 1);
  assert.deepEqual(messagesBefore.at(-1), kQueuedMessage);

  await reloadPage();
  assert.deepEqual(await openStore(options), { tier: "indexeddb", fallbackReasons: [] });
  assert.deepEqual(await allMessages(kChat), messagesBefore);
  assert.deepEqual(await client("outbox"), outboxBefore);
  assert.deepEqual(outboxBefore.value.map((item) => item.clientId), [clientId]);
  assert.deepEqual(await client("checkIntegrity"), { ok: true, value: "ok" });
  assert.equal((await client("nextRequest", kNow)).value.clientId, clientId);
});

test("tier 2 (IndexedDB) has stored a message by the time enqueue answers, even if the worker is killed then", async () => {
  const options = { databaseName: "killed-worker", storage: "indexeddb" };
  assert.equal((await openStore(options)).tier, "indexeddb");
  await fillStore();
  const rounds = await session.page.evaluate(
    async ([chatId, openOptions]) => {
      const { startPartaWorker } = await import("/parta-client.js");
      const note = "Заберу ребёнка в 15:00, прошу отпустить с последнего урока. ".repeat(60);
      const results = [];
      for (let round = 0; round < 3; ++round) {
        const enqueued = await globalThis.partaForTest.client.enqueue(chatId, note, null, null, Date.now());
        // Killed the moment it answers, from the page, with no chance to close the database.
        globalThis.partaForTest.terminate();
        globalThis.partaForTest = await startPartaWorker();
        await globalThis.partaForTest.client.open(openOptions);
        const stored = (await globalThis.partaForTest.client.outbox()).value.map((item) => item.clientId);
        results.push(stored.at(-1) === enqueued.value);
      }
      return results;
    },
    [kChat, options],
  );
  assert.deepEqual(rounds, [true, true, true]);
});

test("tier 3 (memory) serves the client and keeps nothing across a reload", async () => {
  const options = { databaseName: "reload-memory", storage: "memory" };
  assert.deepEqual(await openStore(options), { tier: "memory", fallbackReasons: [] });
  await fillStore();
  assert.deepEqual(await allMessages(kChat), [...kProfileMessages, kQueuedMessage]);

  await reloadPage();
  assert.deepEqual(await openStore(options), { tier: "memory", fallbackReasons: [] });
  assert.deepEqual(await client("chats"), { ok: true, value: [] });
  assert.deepEqual(await client("outbox"), { ok: true, value: [] });
});

test("storage \"auto\" picks OPFS in Chromium, with nothing passed over", async () => {
  assert.deepEqual(await openStore({ databaseName: "auto-tier", storage: "auto" }), {
    tier: "opfs",
    fallbackReasons: [],
  });
});

test("opening a named store asks the browser to keep it under storage pressure and says whether it will", async () => {
  const opened = await session.page.evaluate(() => globalThis.partaForTest.client.open({ databaseName: "kept" }));
  assert.equal(opened.tier, "opfs");
  assert.equal(typeof opened.persistent, "boolean");
  const privateStore = await session.page.evaluate(() => globalThis.partaForTest.client.open({}));
  assert.equal(privateStore.persistent, false);
});

for (const storage of ["opfs", "indexeddb"]) {
  test(`${storage}: a sync page beyond the quota is refused whole as STORAGE_FULL and applies once there is room`, async () => {
    const databaseName = `quota-${storage}`;
    // Room for the profile and the outbox, not for 3,000 more messages.
    assert.equal((await openStore({ databaseName, storage, simulateQuotaBytes: 512 * 1024 })).tier, storage);
    const clientId = await fillStore();
    const page = homeworkPage(3000);

    const refused = await client("applySync", page, kNow);
    assert.equal(refused.ok, false);
    assert.equal(refused.error, "STORAGE_FULL");
    assert.ok(refused.message.ru.length > 0 && refused.message.en.length > 0);
    assert.deepEqual(await allMessages(kChat), [...kProfileMessages, kQueuedMessage]);
    assert.deepEqual(await client("search", "Задание", null), { ok: true, value: [] });

    // A new worker reads what the refused page left in storage.
    await reloadPage();
    assert.equal((await openStore({ databaseName, storage })).tier, storage);
    assert.deepEqual(await client("checkIntegrity"), { ok: true, value: "ok" });
    assert.deepEqual(await allMessages(kChat), [...kProfileMessages, kQueuedMessage]);
    assert.deepEqual((await client("outbox")).value.map((item) => item.clientId), [clientId]);
    assert.deepEqual(await client("applySync", page, kNow), {
      ok: true,
      value: { cursor: "c-2", more: false, events: 3000 },
    });
    const messages = await allMessages(kChat);
    assert.equal(messages.length, 2 + 3000 + 1);
    assert.deepEqual(messages.at(-2)[0], "3999");
    assert.equal((await client("search", "Задание", { limit: 5 })).value.length, 5);
    assert.deepEqual(await client("checkIntegrity"), { ok: true, value: "ok" });
  });
}

test("open refuses an invalid databaseName or storage with a TypeError naming the option", async () => {
  assert.deepEqual(await openRefusal({ databaseName: "../other-user", storage: "indexeddb" }), {
    name: "TypeError",
    message: "databaseName: expected 1 to 64 letters, digits, '_' or '-'",
  });
  assert.deepEqual(await openRefusal({ databaseName: "pupil-7", storage: "disk" }), {
    name: "TypeError",
    message: 'storage: expected "auto", "opfs", "indexeddb", "memory"',
  });
});

// The IndexedDB tier's own bookkeeping, below SQLite: which chunks persist() rewrites or deletes.
test("IndexedDB files: a file cut short reloads at its new length and frees the cut bytes, and grown again, by truncate or by a write past its end, reads zeros there", async () => {
  const reloaded = await session.page.evaluate(async () => {
    const { IndexedDbFiles } = await import("/wasm/storage/indexeddb_files.mjs");
    const kName = "cut-short";
    const kLength = 3000000;
    // Every byte IndexedDB holds for the database: what persist() left behind, cut bytes included.
    const storedBytes = () =>
      new Promise((resolve, reject) => {
        const opening = indexedDB.open(`parta-${kName}`);
        opening.onerror = () => reject(opening.error);
        opening.onsuccess = () => {
          const chunks = opening.result.transaction("chunks").objectStore("chunks").getAll();
          chunks.onsuccess = () => {
            opening.result.close();
            resolve(chunks.result.reduce((total, chunk) => total + chunk.length, 0));
          };
        };
      });
    let files = await IndexedDbFiles.open(kName);
    const states = [];
    // Persists, loads the files anew and notes what they hold.
    const reload = async () => {
      await files.persist();
      files.close();
      files = await IndexedDbFiles.open(kName);
      const bytes = new Uint8Array(files.size(0));
      files.read(0, bytes, 0);
      const sevens = bytes.filter((byte) => byte === 7).length;
      const zeros = bytes.filter((byte) => byte === 0).length;
      states.push({ size: bytes.length, sevens, zeros, stored: await storedBytes() });
    };
    files.write(0, new Uint8Array(kLength).fill(7), 0);
    await reload();
    files.truncate(0, 2 * 1024 * 1024); // on a page boundary, as SQLite cuts
    await reload();
    files.truncate(0, 1000000);
    await reload();
    files.truncate(0, kLength);
    await reload();
    // Cut and grown again between two persists, by truncate and by a write past the end.
    files.write(0, new Uint8Array(kLength).fill(7), 0);
    files.truncate(0, 0);
    files.truncate(0, kLength);
    await reload();
    files.write(0, new Uint8Array(kLength).fill(7), 0);
    await reload();
    files.truncate(0, 0);
    files.write(0, new Uint8Array([7]), kLength - 1);
    await reload();
    files.close();
    return states;
  });
  assert.deepEqual(reloaded, [
    { size: 3000000, sevens: 3000000, zeros: 0, stored: 3000000 },
    { size: 2097152, sevens: 2097152, zeros: 0, stored: 2097152 },
    { size: 1000000, sevens: 1000000, zeros: 0, stored: 1000000 },
    { size: 3000000, sevens: 1000000, zeros: 2000000, stored: 3000000 },
    { size: 3000000, sevens: 0, zeros: 3000000, stored: 3000000 },
    { size: 3000000, sevens: 3000000, zeros: 0, stored: 3000000 },
    { size: 3000000, sevens: 1, zeros: 2999999, stored: 3000000 },
  ]);
});

test("IndexedDB files: a write-back the browser's quota refuses rejects with QuotaExceededError, keeps the stored files as they were, and is written by the next persist", async () => {
  // An origin of its own: Chromium caches how much room an origin has left, so a quota set
  // after the origin has stored anything would not apply until that cache runs out.
  const server = await startStaticServer();
  const { page } = await openApp(session.browser, server);
  const cdp = await session.browser.context.newCDPSession(page);
  try {
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: server.url, quotaSize: 4 * 1024 * 1024 });
    const refused = await page.evaluate(async () => {
      const { IndexedDbFiles } = await import("/wasm/storage/indexeddb_files.mjs");
      // Random, so that Chromium's compression of stored values cannot bring them under the quota.
      const randomBytes = (length) => {
        const bytes = new Uint8Array(length);
        for (let at = 0; at < length; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
        return bytes;
      };
      // What a fresh open finds stored.
      globalThis.storedBytes = async () => {
        const files = await IndexedDbFiles.open("quota-write-back");
        const bytes = new Uint8Array(files.size(0));
        files.read(0, bytes, 0);
        files.close();
        return bytes;
      };
      const files = await IndexedDbFiles.open("quota-write-back");
      const kept = randomBytes(1024 * 1024);
      files.write(0, kept, 0);
      await files.persist();
      globalThis.refusedBytes = randomBytes(8 * 1024 * 1024);
      files.write(0, globalThis.refusedBytes, 0);
      globalThis.filesOverQuota = files;
      const error = await files.persist().then(() => null, (failure) => failure.name);
      const afterRefusal = await globalThis.storedBytes();
      return { error, storedSize: afterRefusal.length, storedKept: afterRefusal.every((b, i) => b === kept[i]) };
    });
    assert.deepEqual(refused, { error: "QuotaExceededError", storedSize: 1024 * 1024, storedKept: true });

    await cdp.send("Storage.overrideQuotaForOrigin", { origin: server.url });
    const written = await page.evaluate(async () => {
      await globalThis.filesOverQuota.persist();
      globalThis.filesOverQuota.close();
      const bytes = await globalThis.storedBytes();
      return { storedSize: bytes.length, storedRefused: bytes.every((b, i) => b === globalThis.refusedBytes[i]) };
    });
    assert.deepEqual(written, { storedSize: 8 * 1024 * 1024, storedRefused: true });
  } finally {
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: server.url });
    await cdp.detach();
    await page.close();
    await server.close();
  }
});

test("indexeddb: a page SQLite committed but the browser's quota refused to store answers STORAGE_FULL and is not shown", async () => {
  // Its own origin, for the same reason as the test above.
  const server = await startStaticServer();
  const { page } = await openApp(session.browser, server);
  const cdp = await session.browser.context.newCDPSession(page);
  const call = (method, ...args) =>
    page.evaluate(([name, values]) => globalThis.parta.call(`client.${name}`, ...values), [method, args]);
  try {
    // Set before the origin stores anything: Chromium caches the room an origin has left.
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: server.url, quotaSize: 2 * 1024 * 1024 });
    await page.evaluate(async () => {
      const { startPartaWorker } = await import("/parta-client.js");
      globalThis.parta = await startPartaWorker();
      await globalThis.parta.client.open({ databaseName: "browser-quota", storage: "indexeddb" });
    });
    assert.equal((await call("applySync", JSON.stringify(profilePage), kNow)).ok, true);
    const saved = await call("enqueue", kChat, "Спасибо, придём", null, null, kNow);
    assert.equal(saved.ok, true);

    // Random text, so that Chromium's compression of stored values cannot fit it in the quota.
    const bulky = await page.evaluate(() => {
      const events = Array.from({ length: 5000 }, (_, n) => {
        const bytes = crypto.getRandomValues(new Uint8Array(600));
        return {
          type: "message",
          message: { id: 5000 + n, chatId: 12, senderId: 3, serverTime: 1700000400000 + n, text: btoa(String.fromCharCode(...bytes)) },
        };
      });
      return JSON.stringify({ cursor: "c-bulky", more: false, events });
    });
    const refused = await call("applySync", bulky, kNow);
    assert.equal(refused.ok, false);
    assert.equal(refused.error, "STORAGE_FULL");
    assert.match(refused.message.ru, /место/);

    const latest = await call("messages", kChat, { limit: 5 });
    assert.deepEqual(
      latest.value.map((message) => message.id ?? message.clientId),
      ["101", "102", saved.value],
    );
    assert.equal((await call("checkIntegrity")).value, "ok");

    await cdp.send("Storage.overrideQuotaForOrigin", { origin: server.url });
    assert.equal((await call("applySync", bulky, kNow)).ok, true);
  } finally {
    await cdp.send("Storage.overrideQuotaForOrigin", { origin: server.url });
    await cdp.detach();
    await page.close();
    await server.close();
  }
});

test("storage \"auto\" refuses as StoreBusy, not a lower tier, while another context holds the store's OPFS files", async () => {
  const databaseName = "held-elsewhere";
  // A worker of the page's own holds a sync access handle on the database file, as a tab that
  // has not let go yet would.
  await session.page.evaluate(async (name) => {
    const source = `
      const root = await navigator.storage.getDirectory();
      const parta = await root.getDirectoryHandle("parta", { create: true });
      const directory = await parta.getDirectoryHandle(${JSON.stringify(name)}, { create: true });
      const file = await directory.getFileHandle("parta.sqlite3", { create: true });
      globalThis.held = await file.createSyncAccessHandle();
      postMessage("held");`;
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    globalThis.holder = new Worker(url, { type: "module" });
    await new Promise((resolve, reject) => {
      globalThis.holder.onmessage = resolve;
      globalThis.holder.onerror = (event) => reject(new Error(event.message));
    });
  }, databaseName);
  try {
    const refusal = await openRefusal({ databaseName, storage: "auto" });
    assert.equal(refusal?.name, "StoreBusy", JSON.stringify(refusal));
    assert.match(refusal.message, /held by another tab or worker/);
  } finally {
    await session.page.evaluate(() => globalThis.holder.terminate());
  }
  // Once the other context lets go, the same store opens on OPFS.
  await startWorker();
  assert.deepEqual(await openStore({ databaseName, storage: "auto" }), { tier: "opfs", fallbackReasons: [] });
  await startWorker();
});
