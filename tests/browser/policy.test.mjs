// The wasm policy in a Chromium module Worker must decide exactly like the native build. The
// native answers come from `policy_cells` (tests/tools/policy_cells.cpp), which scripts/test
// runs before this file; PARTA_POLICY_CELLS overrides where they are read from.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { runInWorker, startAppSession } from "./support/chromium.mjs";

const kRepository = resolve(fileURLToPath(import.meta.url), "../../..");
const kCellsFile = resolve(kRepository, process.env.PARTA_POLICY_CELLS ?? "build/native/policy_cells.json");
const native = JSON.parse(await readFile(kCellsFile, "utf8"));

let session;

before(async () => {
  session = await startAppSession();
});

after(async () => {
  await session?.close();
});

const inWorker = (body, argument) => runInWorker(session.page, body, argument);

test("every generated policy cell gets the native decision inside a Chromium worker", async () => {
  assert.ok(native.cells.length > 10000, `only ${native.cells.length} cells in ${kCellsFile}`);
  const decisions = await inWorker(
    async (parta, cells) => Promise.all(cells.map((cell) => parta.decide(cell.subject, cell.action, cell.target))),
    native.cells.map(({ subject, action, target }) => ({ subject, action, target })),
  );
  assert.equal(decisions.length, native.cells.length);
  const disagreements = [];
  native.cells.forEach((cell, index) => {
    const { allowed, reason, regulation } = decisions[index];
    if (allowed !== cell.allowed || reason !== cell.reason || regulation !== cell.regulation) {
      disagreements.push(`${cell.name}: native ${cell.reason}, wasm ${reason}`);
    }
  });
  assert.deepEqual(disagreements.slice(0, 20), [], `${disagreements.length} cells disagree`);
});

test("allowedActions in the worker lists the native set for every subject and chat", async () => {
  const lists = await inWorker(
    async (parta, rows) => Promise.all(rows.map((row) => parta.allowedActions(row.subject, row.target))),
    native.allowedActions.map(({ subject, target }) => ({ subject, target })),
  );
  native.allowedActions.forEach((row, index) => assert.deepEqual(lists[index], { actions: row.actions }, row.name));
});

test("a deny carries a Russian and an English sentence across the worker boundary", async () => {
  const decision = await inWorker(async (parta) =>
    parta.decide({ roles: ["teacher"], verified: false }, "create_chat", { chat: "subject_chat", classId: "5A" }),
  );
  assert.equal(decision.allowed, false);
  assert.equal(decision.reason, "NOT_VERIFIED");
  assert.match(decision.message.ru, /[А-Яа-я]/);
  assert.match(decision.message.en, /^[\x20-\x7e]+$/);
});

test("malformed arguments come back as INVALID_REQUEST naming the field, not as a thrown error", async () => {
  const [badRole, noSubject, badTarget, badList] = await inWorker(async (parta) =>
    Promise.all([
      parta.decide({ roles: ["king"] }, "read", {}),
      parta.decide(undefined, "read", {}),
      parta.decide({ roles: ["student"] }, "read", { chat: 5 }),
      parta.allowedActions({ roles: [] }, {}),
    ]),
  );
  assert.equal(badRole.reason, "INVALID_REQUEST");
  assert.equal(badRole.error, 'subject.roles[0]: unknown school role "king"');
  assert.equal(noSubject.error, "subject: not valid JSON");
  assert.equal(badTarget.error, "target.chat: must be a string, got a number");
  assert.deepEqual(badList.actions, []);
  assert.equal(badList.reason, "INVALID_REQUEST");
});
