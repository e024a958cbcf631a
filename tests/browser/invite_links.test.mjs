// The wasm build in a Chromium module Worker must answer exactly like the native build: the
// same case table (tests/cases/invite_links.json) runs through both.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";

import { runInWorker, startAppSession } from "./support/chromium.mjs";

const table = JSON.parse(await readFile(new URL("../cases/invite_links.json", import.meta.url), "utf8"));

let session;

before(async () => {
  session = await startAppSession();
});

after(async () => {
  await session?.close();
});

const inWorker = (body, argument) => runInWorker(session.page, body, argument);

test("every invite-link table row gives the native result inside a Chromium worker", async () => {
  const results = await inWorker(
    async (parta, { rows, hosts }) => Promise.all(rows.map((row) => parta.parseInviteLink(row.input, hosts))),
    { rows: table.cases, hosts: table.allowedHosts },
  );
  assert.equal(results.length, table.cases.length);
  table.cases.forEach((row, index) => {
    const result = results[index];
    if (row.error) {
      assert.deepEqual({ ok: result.ok, error: result.error }, { ok: false, error: row.error }, row.name);
      assert.ok(result.message.length > 0, `${row.name}: message`);
    } else {
      assert.deepEqual(result, { ok: true, code: row.code, display: row.display }, row.name);
    }
  });
});

test("error messages come in Russian by default and in English on request", async () => {
  const [russian, english, unknownLocale] = await inWorker(async (parta) =>
    Promise.all([
      parta.parseInviteLink("", []),
      parta.parseInviteLink("", [], "en"),
      parta.parseInviteLink("", [], "de"),
    ]),
  );
  assert.match(russian.message, /[А-Яа-я]/);
  assert.match(english.message, /^[\x20-\x7e]+$/);
  assert.equal(unknownLocale.message, russian.message);
});

test("codes generated in the worker from crypto.getRandomValues are valid and distinct", async () => {
  const codes = await inWorker(async (parta) => Promise.all(Array.from({ length: 200 }, () => parta.generateInviteCode())));
  assert.equal(new Set(codes).size, codes.length);
  const checks = await inWorker(async (parta, all) => Promise.all(all.map((code) => parta.parseInviteLink(code, []))), codes);
  checks.forEach((check, index) => assert.equal(check.code, codes[index]));
});

test("formatInviteCode and extractInviteLinks answer in the worker", async () => {
  const [display, notACode, links] = await inWorker(async (parta, hosts) =>
    Promise.all([
      parta.formatInviteCode("pab0ce1hkm0txy1234567890rsc"),
      parta.formatInviteCode("hello"),
      parta.extractInviteLinks("Ссылка: https://school.parta.example/join/PAB0CE1HKM0TXY1234567890RSC.", hosts),
    ]),
    table.allowedHosts,
  );
  assert.equal(display, "PAB0-CE1H-KM0T-XY12-3456-7890-RSC");
  assert.equal(notACode, "");
  assert.deepEqual(links, [
    {
      link: "https://school.parta.example/join/PAB0CE1HKM0TXY1234567890RSC",
      code: "PAB0CE1HKM0TXY1234567890RSC",
      display: "PAB0-CE1H-KM0T-XY12-3456-7890-RSC",
    },
  ]);
});
