// Two tabs of one browser on the same database (issue 5): the first tab's worker owns the
// files, the second is not locked out but forwards its calls to the owner, each tab hears of
// the other's writes, and when the owner's tab closes the other takes the database over with
// every write either tab was told is saved.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { startStaticServer } from "../../scripts/lib/static-server.mjs";
import { launchChromium, openApp } from "./support/chromium.mjs";
import { parentsChatEvents } from "./support/fixtures.mjs";

const kChat = "12";
const kNow = 1700000500000;

// The parent's profile, the parents' chat and one message.
const profilePage = JSON.stringify({
  cursor: "c-1",
  more: false,
  events: [
    ...parentsChatEvents(12),
    { type: "message", message: { id: 101, chatId: 12, senderId: 3, serverTime: 1700000100000, text: "Собрание в четверг в 18:00" } },
  ],
});

let server;
let browser;

before(async () => {
  server = await startStaticServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

// A new tab of the app whose worker opens `databaseName` on OPFS. The page records the
// notices it gets in globalThis.changes (methods) and globalThis.roles.
async function openTab(databaseName) {
  const { page } = await openApp(browser, server);
  const opened = await page.evaluate(async (name) => {
    const { startPartaWorker } = await import("/parta-client.js");
    globalThis.parta = await startPartaWorker();
    globalThis.changes = [];
    globalThis.roles = [];
    globalThis.parta.onChange(({ method }) => globalThis.changes.push(method));
    globalThis.parta.onRoleChange((role) => globalThis.roles.push(role));
    return globalThis.parta.client.open({ databaseName: name, storage: "opfs" });
  }, databaseName);
  return { page, opened };
}

// Calls the tab's Client method `method` and answers its result.
const call = (tab, method, ...args) =>
  tab.page.evaluate(([name, values]) => globalThis.parta.call(`client.${name}`, ...values), [method, args]);

async function enqueue(tab, text) {
  const answer = await call(tab, "enqueue", kChat, text, null, null, kNow);
  assert.equal(answer.ok, true, JSON.stringify(answer));
  return answer.value;
}

const texts = async (tab) => (await call(tab, "messages", kChat, null)).value.map((message) => message.text);

// The owner tab (first) and a follower tab (second) on a fresh database with the chat synced.
async function openOwnerAndFollower(databaseName) {
  const owner = await openTab(databaseName);
  assert.deepEqual([owner.opened.role, owner.opened.tier], ["owner", "opfs"]);
  const follower = await openTab(databaseName);
  assert.deepEqual([follower.opened.role, follower.opened.tier], ["follower", "opfs"]);
  assert.equal((await call(owner, "applySync", profilePage, kNow)).ok, true);
  return { owner, follower };
}

test("the second tab is a follower that writes through the owner, and each tab sees the other's message", async () => {
  const { owner, follower } = await openOwnerAndFollower("both-tabs-write");
  try {
    await enqueue(follower, "Из второй вкладки: принесу документы");
    assert.deepEqual(await texts(owner), ["Собрание в четверг в 18:00", "Из второй вкладки: принесу документы"]);
    await enqueue(owner, "Из первой вкладки: спасибо");
    assert.deepEqual(await texts(follower), [
      "Собрание в четверг в 18:00",
      "Из второй вкладки: принесу документы",
      "Из первой вкладки: спасибо",
    ]);
  } finally {
    await owner.page.close();
    await follower.page.close();
  }
});

// Closes the owner tab with `closeOwner`, then checks that the follower took over with every
// acknowledged write of both tabs, and serves a third tab as the new owner.
async function checkHandOver(databaseName, closeOwner) {
  const { owner, follower } = await openOwnerAndFollower(databaseName);
  let newcomer;
  try {
    const saved = [await enqueue(owner, "Первая вкладка: до закрытия"), await enqueue(follower, "Вторая вкладка: до закрытия")];
    await closeOwner(owner.page);
    await follower.page.waitForFunction(() => globalThis.roles.includes("owner"), null, { polling: 100, timeout: 15000 });

    const outbox = (await call(follower, "outbox")).value.map((item) => item.clientId);
    assert.deepEqual(outbox.sort(), [...saved].sort());
    saved.push(await enqueue(follower, "Вторая вкладка: после закрытия"));
    assert.deepEqual(await texts(follower), [
      "Собрание в четверг в 18:00",
      "Первая вкладка: до закрытия",
      "Вторая вкладка: до закрытия",
      "Вторая вкладка: после закрытия",
    ]);
    assert.deepEqual(await call(follower, "checkIntegrity"), { ok: true, value: "ok" });

    newcomer = await openTab(databaseName);
    assert.equal(newcomer.opened.role, "follower");
    assert.deepEqual((await call(newcomer, "outbox")).value.map((item) => item.clientId).sort(), [...saved].sort());
  } finally {
    if (!owner.page.isClosed()) await owner.page.close();
    await follower.page.close();
    await newcomer?.page.close();
  }
}

test("when the owner tab closes, its pagehide hands the database to the other tab with every saved write", async () => {
  await checkHandOver("closed-owner", (page) => page.close({ runBeforeUnload: true }));
});

test("when the owner tab's worker dies without closing anything, the other tab still takes over with every saved write", async () => {
  await checkHandOver("killed-owner", async (page) => {
    // As when the tab's process is killed: no pagehide, no client.close, the handles and the
    // lock are dropped with the worker.
    await page.evaluate(() => globalThis.parta.terminate());
    await page.close();
  });
});

test("a write in either tab notifies the other tab's page, and a read notifies no one", async () => {
  const { owner, follower } = await openOwnerAndFollower("change-notices");
  try {
    await follower.page.evaluate(() => (globalThis.changes = []));
    await enqueue(owner, "Первая вкладка пишет");
    await follower.page.waitForFunction(() => globalThis.changes.includes("client.enqueue"), null, { polling: 100, timeout: 5000 });

    await owner.page.evaluate(() => (globalThis.changes = []));
    await call(follower, "chats");
    assert.deepEqual(await call(follower, "setDraft", kChat, "Черновик из второй вкладки"), { ok: true });
    await owner.page.waitForFunction(() => globalThis.changes.length > 0, null, { polling: 100, timeout: 5000 });
    assert.deepEqual(await owner.page.evaluate(() => globalThis.changes), ["client.setDraft"]);
    assert.deepEqual(await call(owner, "draft", kChat), { ok: true, value: "Черновик из второй вкладки" });
  } finally {
    await owner.page.close();
    await follower.page.close();
  }
});

// A sync page as large as the protocol allows, of messages `first`..: applying it keeps the
// owner's worker busy for a while, so calls forwarded meanwhile wait in its queue.
function largeSyncPage(first) {
  const events = [{ type: "chat", chat: { id: 12, kind: "parents_chat", classId: "5A", title: "Родители 5А", createdAt: 1700000000000 } }];
  for (let id = first; events.length < 10000; ++id) {
    events.push({ type: "message", message: { id, chatId: 12, senderId: 3, serverTime: 1700000200000 + id, text: `Задание ${id}: параграф ${id % 40}` } });
  }
  return JSON.stringify({ cursor: `c-${first}`, more: false, events });
}

// Queues `pages` large sync pages on the tab's worker without waiting for them. One page takes
// well under a second on a fast machine; a queue of them keeps the worker busy for several,
// so what the test does meanwhile cannot race the owner's finishing.
const keepBusy = (tab, pages) =>
  tab.page.evaluate(([texts, now]) => {
    globalThis.busyPagesDone = 0;
    for (const text of texts) globalThis.parta.call("client.applySync", text, now).finally(() => ++globalThis.busyPagesDone);
  }, [Array.from({ length: pages }, (_, i) => largeSyncPage(1000 + i * 10000)), kNow]);

// Starts `method` in the tab without waiting; globalThis.outcome becomes {value} or {name, message}.
const startCall = (tab, method, ...args) =>
  tab.page.evaluate(([name, values]) => {
    globalThis.outcome = undefined;
    globalThis.parta.call(`client.${name}`, ...values).then(
      (value) => (globalThis.outcome = { value }),
      (error) => (globalThis.outcome = { name: error.name, message: error.message }),
    );
  }, [method, args]);

const outcomeOf = (tab) => tab.page.waitForFunction(() => globalThis.outcome, null, { polling: 50, timeout: 15000 }).then((handle) => handle.jsonValue());

test("calls in flight when the owner dies: a read is asked again of the new owner, a write fails as OwnerChanged and is not re-run", async () => {
  const { owner, follower: reader } = await openOwnerAndFollower("owner-dies-mid-call");
  const writer = await openTab("owner-dies-mid-call");
  try {
    assert.equal(writer.opened.role, "follower");
    await keepBusy(owner, 12);
    await startCall(reader, "chats");
    await startCall(writer, "enqueue", kChat, "Отправлено, пока первая вкладка занята", null, null, kNow);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Both calls wait behind the owner's queue of sync pages, which it has not worked through.
    assert.deepEqual(await Promise.all([reader, writer].map((tab) => tab.page.evaluate(() => globalThis.outcome))), [undefined, undefined]);
    assert.ok((await owner.page.evaluate(() => globalThis.busyPagesDone)) < 12, "the owner finished its queue before it was stopped");

    await owner.page.evaluate(() => globalThis.parta.terminate());
    await owner.page.close();

    // The reader queued for the lock first, so it owns the database now and read it itself.
    const read = await outcomeOf(reader);
    assert.equal(read.value?.ok, true, JSON.stringify(read));
    assert.deepEqual(await reader.page.evaluate(() => globalThis.roles), ["owner"]);
    const write = await outcomeOf(writer);
    assert.equal(write.name, "OwnerChanged");
    assert.match(write.message, /may not have run/);
    assert.deepEqual((await call(writer, "outbox")).value, []);
  } finally {
    if (!owner.page.isClosed()) await owner.page.close();
    await reader.page.close();
    await writer.page.close();
  }
});
