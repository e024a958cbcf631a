// The core Client in a Chromium module Worker, driven through web/parta-client.js as the app
// will drive it: synced data reads offline, a message goes out through the outbox exactly
// once, the policy shapes what the parent may do, and a malformed page changes nothing.
import { after, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";

import { startAppSession } from "./support/chromium.mjs";

const kParent = "7";
const kParentsChat = "9007199254740993"; // 2^53 + 1: survives only as a string
const kNow = 1700000500000;

const firstPage = {
  cursor: "c-1",
  more: false,
  events: [
    { type: "me", me: { userId: 7, roles: ["parent"], children: [{ userId: 40, classId: "5A" }] } },
    { type: "chat", chat: { id: 9007199254740993, kind: "parents_chat", classId: "5A", title: "Родители 5А", createdAt: 1700000000000 } },
    { type: "membership", membership: { chatId: 9007199254740993, userId: 7, role: "member" } },
    { type: "message", message: { id: 101, chatId: 9007199254740993, senderId: 3, serverTime: 1700000100000, text: "Собрание в четверг в 18:00" } },
    { type: "message", message: { id: 102, chatId: 9007199254740993, senderId: 5, serverTime: 1700000200000, text: "Спасибо, придём" } },
  ],
};

// JSON.stringify cannot write an id beyond 2^53 exactly, so the server's text is written by hand.
const kExactChatId = /9007199254740992/g;
const serverText = (value) => JSON.stringify(value).replace(kExactChatId, kParentsChat);

let session;

before(async () => {
  session = await startAppSession();
  await session.page.evaluate(async () => {
    const { startPartaWorker } = await import("/parta-client.js");
    globalThis.partaForTest = await startPartaWorker();
  });
});

after(async () => {
  await session?.browser.context.setOffline(false);
  await session?.close();
});

// Calls the worker's Client method `method` from the page.
const client = (method, ...args) =>
  session.page.evaluate(([name, values]) => globalThis.partaForTest.client[name](...values), [method, args]);

beforeEach(async () => {
  await session.browser.context.setOffline(false);
  assert.equal((await client("open", {})).tier, "memory");
  const applied = await client("applySync", serverText(firstPage), kNow);
  assert.deepEqual(applied, { ok: true, value: { cursor: "c-1", more: false, events: 5 } });
});

test("synced chats and messages read offline, with int64 ids as exact strings", async () => {
  await session.browser.context.setOffline(true);
  const chats = await client("chats");
  assert.equal(chats.ok, true);
  assert.equal(chats.value.length, 1);
  assert.equal(chats.value[0].id, kParentsChat);
  assert.equal(chats.value[0].kind, "parents_chat");
  assert.equal(chats.value[0].classId, "5A");
  assert.equal(chats.value[0].lastMessage.text, "Спасибо, придём");
  const messages = await client("messages", kParentsChat, { limit: 50 });
  assert.deepEqual(
    messages.value.map((message) => [message.id, message.chatId, message.text, message.delivery]),
    [
      ["101", kParentsChat, "Собрание в четверг в 18:00", "delivered"],
      ["102", kParentsChat, "Спасибо, придём", "delivered"],
    ],
  );
});

test("an enqueued message is sent once and its sync echo leaves exactly one copy", async () => {
  await session.browser.context.setOffline(true);
  const enqueued = await client("enqueue", kParentsChat, "Я принесу документы", null, null, kNow);
  assert.equal(enqueued.ok, true);
  const clientId = enqueued.value;

  const pending = (await client("messages", kParentsChat, null)).value.at(-1);
  assert.deepEqual([pending.id, pending.clientId, pending.delivery, pending.senderId], [null, clientId, "sending", kParent]);

  const request = (await client("nextRequest", kNow)).value;
  assert.equal(request.kind, "send_message");
  assert.equal(request.method, "POST");
  assert.equal(request.path, "/api/v1/messages");
  assert.equal(request.clientId, clientId);
  assert.equal(JSON.parse(request.body).clientId, clientId);

  const serverCopy = { id: 103, chatId: 9007199254740993, senderId: 7, serverTime: kNow + 1000, text: "Я принесу документы", clientId };
  const outcome = await client("onSendResult", clientId, 201, serverText({ message: serverCopy }), kNow + 1000);
  assert.deepEqual(outcome, { ok: true, value: "confirmed" });

  const echo = { cursor: "c-2", more: false, events: [{ type: "message", message: serverCopy }] };
  assert.equal((await client("applySync", serverText(echo), kNow + 2000)).ok, true);
  const mine = (await client("messages", kParentsChat, null)).value.filter((message) => message.clientId === clientId);
  assert.deepEqual(mine.map((message) => [message.id, message.delivery]), [["103", "delivered"]]);
  assert.deepEqual((await client("outbox")).value, []);
});

test("an edit of one's own message made offline shows at once and goes out as a change", async () => {
  await session.browser.context.setOffline(true);
  const mine = { id: 103, chatId: 9007199254740993, senderId: 7, serverTime: kNow, text: "Буду в 18:00" };
  const synced = { cursor: "c-2", more: false, events: [{ type: "message", message: mine }] };
  assert.equal((await client("applySync", serverText(synced), kNow)).ok, true);
  const edited = await client("editMessage", "103", "Буду в 18:30", kNow);
  assert.equal(edited.ok, true);

  const shown = (await client("messages", kParentsChat, null)).value.find((message) => message.id === "103");
  assert.equal(shown.text, "Буду в 18:30");
  assert.deepEqual(shown.change, { clientId: edited.value, delivery: "sending" });
  const [item] = (await client("outbox")).value;
  assert.deepEqual([item.kind, item.messageId, item.text], ["edit", "103", "Буду в 18:30"]);

  const request = (await client("nextRequest", kNow)).value;
  assert.deepEqual([request.kind, request.path, request.clientId], ["send_change", "/api/v1/messages/103/edit", edited.value]);
  // Deleting another parent's message is moderation: the policy's own reason, as the server's 403.
  const refused = await client("deleteMessage", "101", kNow);
  assert.equal(refused.ok, false);
  assert.equal(refused.detail, "delete_any");
  assert.notEqual(refused.error, "NOT_ALLOWED");
});

test("the parent may read and post in their child's parents' chat but not delete others' messages", async () => {
  const allowed = await client("allowedActions", kParentsChat);
  assert.equal(allowed.ok, true);
  assert.ok(allowed.value.includes("read"));
  assert.ok(allowed.value.includes("post"));
  assert.ok(!allowed.value.includes("delete_any"));
  const unknown = await client("allowedActions", "12345");
  assert.equal(unknown.ok, false);
  assert.equal(unknown.error, "UNKNOWN_CHAT");
});

test("a malformed page answers with an error naming the field and changes nothing", async () => {
  const before = await Promise.all([client("chats"), client("messages", kParentsChat, null)]);
  const malformed = {
    cursor: "c-3",
    more: false,
    events: [
      { type: "message", message: { id: 104, chatId: 9007199254740993, senderId: 3, serverTime: kNow, text: "Новое" } },
      { type: "chat", chat: { id: 11, kind: "class", title: "5Б", createdAt: 1 } },
    ],
  };
  const answer = await client("applySync", serverText(malformed), kNow);
  assert.equal(answer.ok, false);
  assert.equal(answer.error, "BAD_SYNC_PAGE");
  assert.equal(answer.detail, "events[1].chat.kind: expected a chat kind of docs/permissions.md");
  assert.ok(answer.message.ru.length > 0 && answer.message.en.length > 0);
  const afterwards = await Promise.all([client("chats"), client("messages", kParentsChat, null)]);
  assert.deepEqual(afterwards, before);
  assert.equal((await client("nextRequest", kNow + 60 * 60 * 1000)).value.path, "/api/v1/sync?since=c-1&limit=1000");
});
