// Peer contender: IndexedDB used directly, the way a JS messenger without SQLite would store the
// same data: messages keyed by id with an index on [chatId, id], chats with their last activity,
// the sync cursor, and an outbox. One transaction per sync page, JSON.parse included. Bulk
// transactions are "relaxed" (like synchronous=NORMAL, a power cut may lose them and sync
// fetches them again); the user's own message is "strict" (like synchronous=FULL).
import { servePeer } from "./peer-protocol.mjs";

let db = null;
let databaseName = null;

const settled = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

const committed = (transaction) =>
  new Promise((resolve, reject) => {
    transaction.oncomplete = resolve;
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error ?? new Error("transaction aborted"));
  });

async function open(options) {
  databaseName = options.databaseName;
  const request = indexedDB.open(databaseName, 1);
  request.onupgradeneeded = () => {
    const created = request.result;
    created.createObjectStore("me");
    created.createObjectStore("chats", { keyPath: "id" }).createIndex("byActivity", ["lastActivity", "id"]);
    created.createObjectStore("messages", { keyPath: "id" }).createIndex("byChat", ["chatId", "id"]);
    created.createObjectStore("syncState");
    created.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
  };
  db = await settled(request);
  return { ok: true, value: { tier: "indexeddb" } };
}

// The chat keeps its newest message's id and activity; a chat event may arrive after some of
// its messages, so it never moves either backwards.
function upsertChat(chats, chat) {
  chats.get(chat.id).onsuccess = ({ target: { result: stored } }) => {
    chats.put({
      id: chat.id,
      kind: chat.kind,
      title: chat.title,
      classId: chat.classId ?? null,
      createdAt: chat.createdAt,
      lastMessageId: stored?.lastMessageId ?? 0,
      lastActivity: Math.max(stored?.lastActivity ?? 0, chat.createdAt),
    });
  };
}

function touchChat(chats, chatId, newest) {
  chats.get(chatId).onsuccess = ({ target: { result: stored } }) => {
    if (!stored || stored.lastMessageId >= newest.id) return;
    chats.put({ ...stored, lastMessageId: newest.id, lastActivity: Math.max(stored.lastActivity, newest.serverTime) });
  };
}

async function applySync(pageText) {
  const page = JSON.parse(pageText);
  const transaction = db.transaction(["me", "chats", "messages", "syncState"], "readwrite", { durability: "relaxed" });
  const done = committed(transaction);
  const chats = transaction.objectStore("chats");
  const messageStore = transaction.objectStore("messages");
  const newestByChat = new Map();
  for (const event of page.events) {
    if (event.type === "message") {
      const { id, chatId, senderId, serverTime, text } = event.message;
      messageStore.put({ id, chatId, senderId, serverTime, text, deleted: 0 });
      if (id > (newestByChat.get(chatId)?.id ?? 0)) newestByChat.set(chatId, { id, serverTime });
    } else if (event.type === "chat") {
      upsertChat(chats, event.chat);
    } else if (event.type === "me") {
      transaction.objectStore("me").put(event.me, "me");
    }
  }
  for (const [chatId, newest] of newestByChat) touchChat(chats, chatId, newest);
  transaction.objectStore("syncState").put(page.cursor, "cursor");
  await done;
  return { ok: true, value: { cursor: page.cursor, more: page.more, events: page.events.length } };
}

const asClientMessage = ({ id, chatId, senderId, serverTime, text }) => ({
  id: String(id),
  chatId: String(chatId),
  senderId: String(senderId),
  serverTime,
  text,
});

// The newest `limit` messages of the chat, oldest first. "cursor" walks the index backwards;
// "getAllRecords" asks for them in one call (IDBIndex.getAllRecords with a direction, newer
// Chromium only).
async function messages(chatId, { limit, read = "cursor" }) {
  const chat = Number(chatId);
  const range = IDBKeyRange.bound([chat, -Infinity], [chat, Infinity]);
  const byChat = db.transaction("messages", "readonly").objectStore("messages").index("byChat");
  if (read === "getAllRecords") {
    if (typeof byChat.getAllRecords !== "function") {
      return { ok: false, error: "UNSUPPORTED", detail: "IDBIndex.getAllRecords is missing in this browser" };
    }
    const records = await settled(byChat.getAllRecords({ query: range, count: limit, direction: "prev" }));
    return { ok: true, value: records.map((record) => asClientMessage(record.value)).reverse() };
  }
  const page = [];
  await new Promise((resolve, reject) => {
    const request = byChat.openCursor(range, "prev");
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      page.push(asClientMessage(cursor.value));
      if (page.length === limit) resolve();
      else cursor.continue();
    };
  });
  return { ok: true, value: page.reverse() };
}

// The arguments of parta.Client's enqueue; the bench writes plain messages, so `details` is always null.
async function enqueue(chatId, text, replyTo, details, nowMs) {
  const clientId = crypto.randomUUID();
  const transaction = db.transaction("outbox", "readwrite", { durability: "strict" });
  const done = committed(transaction);
  const item = { clientId, chatId: Number(chatId), text, replyTo, createdAt: nowMs, state: "queued" };
  transaction.objectStore("outbox").add(item);
  await done;
  return { ok: true, value: clientId };
}

function close() {
  db.close();
  return { ok: true };
}

async function wipe() {
  db.close();
  await settled(indexedDB.deleteDatabase(databaseName));
  return { ok: true };
}

servePeer(Promise.resolve(), {
  "client.open": open,
  "client.close": close,
  "client.applySync": applySync,
  "client.messages": messages,
  "client.enqueue": enqueue,
  "client.wipe": wipe,
});
