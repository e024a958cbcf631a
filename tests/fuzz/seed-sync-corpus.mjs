// Seeds the applySync fuzzer with every malformed page of the shared case table and a few
// valid pages covering each event type.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const [corpusDirectory] = process.argv.slice(2);
const table = JSON.parse(await readFile(new URL("../cases/sync_malformed.json", import.meta.url), "utf8"));
const malformed = table.cases.map((row) => (row.raw !== undefined ? row.raw : JSON.stringify(row.page)));

const message = { id: 101, chatId: 1, senderId: 3, serverTime: 1700000000000, text: "Завтра ёлка в 9:00" };
const valid = [
  { cursor: "c1", more: false, events: [] },
  {
    cursor: "c2",
    more: true,
    events: [
      { type: "me", me: { userId: 3, roles: ["teacher"] } },
      { type: "user", user: { id: 3, name: "Ольга Сергеевна", role: "teacher" } },
      { type: "chat", chat: { id: 1, kind: "class_chat", classId: "5A", title: "5Б", createdAt: 1 } },
      { type: "membership", membership: { chatId: 1, userId: 3, role: "owner" } },
      { type: "message", message },
      { type: "message", message: { ...message, id: 102, pinned: true, clientId: "3f1c2a9e-6b7d-4e10-9a2b-5c8d7e6f4a31",
        attachments: [{ id: 5, name: "plan.pdf", mimeType: "application/pdf", sizeBytes: 10 }],
        poll: { question: "Кто?", options: [{ id: 1, text: "Я" }, { id: 2, text: "Не я" }] } } },
      { type: "messageEdited", messageEdited: { id: 101, chatId: 1, text: "Сбор в 9:30", editedAt: 2 } },
      { type: "pollVotes", pollVotes: { messageId: 102, userId: 3, optionIds: [1] } },
      { type: "readState", readState: { chatId: 1, lastReadId: 101 } },
      { type: "invite", invite: { id: 4, chatId: 1, state: "active", createdBy: 3, createdAt: 1, expiresAt: null } },
      { type: "joinRequest", joinRequest: { id: 6, chatId: 1, userId: 9, state: "pending", createdAt: 1 } },
      { type: "messageDeleted", messageDeleted: { id: 101, chatId: 1 } },
      { type: "membershipRemoved", membershipRemoved: { chatId: 1, userId: 3 } },
    ],
  },
  { cursor: "c3", more: false, events: [{ type: "reset" }, { type: "chat", chat: { id: 2, kind: "group", title: "Кружок", createdAt: 5 } }] },
  // Changes that arrive before their message, and a copy after the deletion.
  {
    cursor: "c4",
    more: false,
    events: [
      { type: "messageDeleted", messageDeleted: { id: 201, chatId: 1 } },
      { type: "messageEdited", messageEdited: { id: 202, chatId: 1, text: "Сбор в 10:00", editedAt: 7 } },
      { type: "pollVotes", pollVotes: { messageId: 203, userId: 3, optionIds: [2] } },
      { type: "message", message: { ...message, id: 201, attachments: [{ id: 8, name: "plan.pdf", mimeType: "application/pdf", sizeBytes: 10 }] } },
      { type: "message", message: { ...message, id: 202 } },
      { type: "message", message: { ...message, id: 203, poll: { question: "Кто?", options: [{ id: 1, text: "Я" }, { id: 2, text: "Не я" }] } } },
      { type: "messageDeleted", messageDeleted: { id: 203, chatId: 1 } },
      { type: "message", message: { ...message, id: 203, poll: { question: "Кто?", options: [{ id: 1, text: "Я" }, { id: 2, text: "Не я" }] } } },
    ],
  },
].map((page) => JSON.stringify(page));

await Promise.all(
  [...malformed, ...valid].map((text, index) => writeFile(join(corpusDirectory, `seed-${index}`), text)),
);
