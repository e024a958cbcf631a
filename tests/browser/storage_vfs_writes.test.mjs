// What the parta-browser VFS hands to storage (issue 5): every storage call costs more than the
// bytes it moves, so the WAL frames of a commit reach the files in one write, and they are
// there before the commit returns. The files here are the memory tier, wrapped to count calls,
// in a module Worker of the test's own, so the VFS is seen without the app's worker around it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { startAppSession } from "./support/chromium.mjs";
import { parentsChatEvents } from "./support/fixtures.mjs";

let session;

before(async () => {
  session = await startAppSession();
});

after(async () => {
  await session?.close();
});

// The worker: opens a Client on counting memory files, then runs `steps` (a list of
// [method, ...args] of parta.Client) and answers, per step, its result and the storage calls
// it made, by file. `reopen` as a step closes the Client and opens a new one on the same files.
const kWorkerSource = (origin) => `
import createParta from "${origin}/wasm/parta.mjs";
import { MemoryFiles } from "${origin}/wasm/storage/memory_files.mjs";
import { kDatabaseFile, kDatabaseFiles } from "${origin}/wasm/storage/database_files.mjs";

class CountingFiles extends MemoryFiles {
  calls = [];
  write(id, source, offset) { this.calls.push(["write", kDatabaseFiles[id]]); super.write(id, source, offset); }
  flush(id) { this.calls.push(["flush", kDatabaseFiles[id]]); super.flush(id); }
}

onmessage = async ({ data: steps }) => {
  try {
    const parta = await createParta();
    const files = new CountingFiles();
    parta.partaFiles = files;
    const open = () => new parta.Client({ databasePath: kDatabaseFile, vfs: "parta-browser", exclusive: true });
    let client = open();
    const answers = [];
    for (const [method, ...args] of steps) {
      files.calls = [];
      let result = null;
      if (method === "reopen") {
        client.delete();
        client = open();
      } else {
        result = JSON.parse(client[method](...args));
      }
      const counts = {};
      for (const [call, file] of files.calls) counts[call + " " + file] = (counts[call + " " + file] ?? 0) + 1;
      answers.push({ result, counts });
    }
    client.delete();
    postMessage({ answers });
  } catch (error) {
    postMessage({ error: String(error?.stack ?? error) });
  }
};
`;

function runSteps(steps) {
  return session.page.evaluate(
    ([source, list]) =>
      new Promise((resolve, reject) => {
        const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
        const worker = new Worker(url, { type: "module" });
        worker.onerror = (event) => reject(new Error(event.message));
        worker.onmessage = ({ data }) => {
          worker.terminate();
          if (data.error) reject(new Error(data.error));
          else resolve(data.answers);
        };
        worker.postMessage(list);
      }),
    [kWorkerSource(session.server.url), steps],
  );
}

const kNow = 1700000500000;

function syncPage(cursor, firstId, messages) {
  const events = parentsChatEvents(12);
  for (let id = firstId; id < firstId + messages; ++id) {
    events.push({ type: "message", message: { id, chatId: 12, senderId: 3, serverTime: 1700000100000 + id, text: `Домашнее задание ${id}: параграф ${id % 30}` } });
  }
  return JSON.stringify({ cursor, more: false, events });
}

test("a durable outbox commit reaches storage as one write to the WAL and one flush", async () => {
  const [applied, enqueued] = await runSteps([
    ["applySync", syncPage("c-1", 100, 20), kNow],
    ["enqueue", "12", "Спасибо, придём", null, null, kNow],
  ]);
  assert.equal(applied.result.ok, true, JSON.stringify(applied.result));
  assert.equal(enqueued.result.ok, true, JSON.stringify(enqueued.result));
  assert.deepEqual(enqueued.counts, { "write parta.sqlite3-wal": 1, "flush parta.sqlite3-wal": 1 });
});

test("a sync page of 1,000 messages reaches the WAL in a few large writes, not two per page of the database", async () => {
  const [applied] = await runSteps([["applySync", syncPage("c-1", 1000, 1000), kNow]]);
  assert.equal(applied.result.ok, true, JSON.stringify(applied.result));
  // Hundreds of database pages change; gathered into writes of up to 1 MiB they take a handful.
  const walWrites = applied.counts["write parta.sqlite3-wal"];
  assert.ok(walWrites >= 1 && walWrites <= 8, `${walWrites} writes to the WAL`);
});

test("what a commit wrote is in the files when it returns: a new connection on them reads it", async () => {
  const answers = await runSteps([
    ["applySync", syncPage("c-1", 1000, 300), kNow],
    ["enqueue", "12", "Пришлите, пожалуйста, расписание", null, null, kNow],
    ["reopen"],
    ["messages", "12", null],
    ["outbox"],
    ["checkIntegrity"],
  ]);
  const [, enqueued, , messages, outbox, integrity] = answers;
  const texts = messages.result.value.map((message) => message.text);
  assert.equal(texts.length, 51);
  assert.equal(texts.at(-2), "Домашнее задание 1299: параграф 9");
  assert.equal(texts.at(-1), "Пришлите, пожалуйста, расписание");
  assert.deepEqual(outbox.result.value.map((item) => item.clientId), [enqueued.result.value]);
  assert.deepEqual(integrity.result, { ok: true, value: "ok" });
});
