// Peer contender: the official SQLite wasm build (@sqlite.org/sqlite-wasm) on its opfs-sahpool
// VFS, tuned the way its documentation advises for one writer (exclusive locking, WAL,
// synchronous=NORMAL for bulk and FULL for a commit that must survive a power cut). It stores
// messages with the same table, index and contentless FTS5 search index as core/store/migrations
// (the index filled once per transaction, as ours is), with secure_delete on, and keeps the
// chats' last activity and the sync cursor up to date, as our store does. It validates nothing
// beyond JSON.parse, which ours does field by field.
import sqlite3InitModule from "/sqlite-wasm/dist/index.mjs";

import { servePeer } from "./peer-protocol.mjs";

const kSchema = `
CREATE TABLE IF NOT EXISTS me (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    user_id INTEGER NOT NULL,
    roles TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS chats (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_message_id INTEGER NOT NULL DEFAULT 0,
    last_activity INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS chats_by_activity ON chats (last_activity DESC, id DESC);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,
    sender_id INTEGER NOT NULL,
    server_time INTEGER NOT NULL,
    text TEXT,
    reply_to INTEGER,
    edited_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    client_id TEXT,
    pinned INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX IF NOT EXISTS messages_by_chat ON messages (chat_id, id, sender_id, deleted);
CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5 (
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS sync_state (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    cursor TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL UNIQUE,
    chat_id INTEGER NOT NULL,
    text TEXT NOT NULL,
    reply_to INTEGER,
    created_at INTEGER NOT NULL,
    state TEXT NOT NULL
) STRICT;
`;

// The build installs its other OPFS VFSes ("opfs", "opfs-wl") at start-up when the worker is
// cross-origin isolated, and they start helper workers of their own: 35–45 ms an application on
// opfs-sahpool alone would never pay. The library's own configuration turns them off.
globalThis.sqlite3ApiConfig = { disable: { vfs: { opfs: true, "opfs-wl": true } } };
const sqlite3Ready = sqlite3InitModule();
let pool = null;
let db = null;
let statements = null;

function prepareStatements() {
  return {
    setMe: db.prepare(
      "INSERT INTO me (singleton, user_id, roles) VALUES (1, ?, ?) " +
        "ON CONFLICT (singleton) DO UPDATE SET user_id = excluded.user_id, roles = excluded.roles",
    ),
    upsertChat: db.prepare(
      "INSERT INTO chats (id, kind, title, created_at, last_activity) VALUES (?1, ?2, ?3, ?4, ?4) " +
        "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, " +
        "created_at = excluded.created_at, last_activity = max(chats.last_activity, excluded.created_at)",
    ),
    upsertMessage: db.prepare(
      "INSERT INTO messages (id, chat_id, sender_id, server_time, text) VALUES (?, ?, ?, ?, ?) " +
        "ON CONFLICT (id) DO UPDATE SET chat_id = excluded.chat_id, sender_id = excluded.sender_id, " +
        "server_time = excluded.server_time, text = excluded.text",
    ),
    indexText: db.prepare(
      "INSERT INTO messages_fts (rowid, body) VALUES (?, replace(replace(?, 'ё', 'е'), 'Ё', 'Е'))",
    ),
    // Once per chat and transaction, as our store does, not once per message.
    touchChat: db.prepare(
      "UPDATE chats SET last_message_id = ?2, last_activity = max(last_activity, ?3) " +
        "WHERE id = ?1 AND last_message_id < ?2",
    ),
    setCursor: db.prepare(
      "INSERT INTO sync_state (singleton, cursor) VALUES (1, ?) " +
        "ON CONFLICT (singleton) DO UPDATE SET cursor = excluded.cursor",
    ),
    latest: db.prepare(
      "SELECT id, chat_id, sender_id, server_time, text FROM messages WHERE chat_id = ? ORDER BY id DESC LIMIT ?",
    ),
    enqueue: db.prepare(
      "INSERT INTO outbox (client_id, chat_id, text, reply_to, created_at, state) VALUES (?, ?, ?, ?, ?, 'queued')",
    ),
  };
}

async function open({ databaseName }) {
  const sqlite3 = await sqlite3Ready;
  pool ??= await sqlite3.installOpfsSAHPoolVfs({});
  db = new pool.OpfsSAHPoolDb(`/${databaseName}.sqlite3`);
  // Our store's cache and checkpoint sizes (core/store/database.cpp), so both run the same SQLite
  // configuration and differ in VFS and core only. WAL without shared memory needs exclusive locking.
  db.exec(
    "PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; " +
      "PRAGMA cache_size = -8192; PRAGMA wal_autocheckpoint = 4000; PRAGMA secure_delete = ON;",
  );
  db.exec(kSchema);
  statements = prepareStatements();
  return { ok: true, value: { tier: "opfs-sahpool", sqlite: sqlite3.version.libVersion } };
}

function applySync(pageText) {
  const page = JSON.parse(pageText);
  const newestByChat = new Map();
  const searchable = [];
  db.exec("BEGIN");
  try {
    for (const event of page.events) {
      if (event.type === "message") {
        const { id, chatId, senderId, serverTime, text } = event.message;
        statements.upsertMessage.bind([id, chatId, senderId, serverTime, text]).stepReset();
        if (id > (newestByChat.get(chatId)?.id ?? 0)) newestByChat.set(chatId, { id, serverTime });
        searchable.push([id, text]);
      } else if (event.type === "chat") {
        const { id, kind, title, createdAt } = event.chat;
        statements.upsertChat.bind([id, kind, title, createdAt]).stepReset();
      } else if (event.type === "me") {
        statements.setMe.bind([event.me.userId, JSON.stringify(event.me.roles)]).stepReset();
      }
    }
    for (const [id, text] of searchable) statements.indexText.bind([id, text]).stepReset();
    for (const [chatId, newest] of newestByChat) {
      statements.touchChat.bind([chatId, newest.id, newest.serverTime]).stepReset();
    }
    statements.setCursor.bind([page.cursor]).stepReset();
    db.exec("COMMIT");
  } catch (error) {
    db.exec("ROLLBACK");
    throw error;
  }
  return { ok: true, value: { cursor: page.cursor, more: page.more, events: page.events.length } };
}

function messages(chatId, { limit }) {
  const page = [];
  const query = statements.latest.bind([Number(chatId), limit]);
  try {
    while (query.step()) {
      page.push({
        id: String(query.get(0)),
        chatId: String(query.get(1)),
        senderId: String(query.get(2)),
        serverTime: query.get(3),
        text: query.get(4),
      });
    }
  } finally {
    query.reset();
  }
  return { ok: true, value: page.reverse() };
}

// A message the user wrote: this one commit waits until the WAL is flushed to storage.
// The arguments of parta.Client's enqueue; the bench writes plain messages, so `details` is always null.
function enqueue(chatId, text, replyTo, details, nowMs) {
  const clientId = crypto.randomUUID();
  db.exec("PRAGMA synchronous = FULL");
  try {
    statements.enqueue.bind([clientId, Number(chatId), text, replyTo === null ? null : Number(replyTo), nowMs]).stepReset();
  } finally {
    db.exec("PRAGMA synchronous = NORMAL");
  }
  return { ok: true, value: clientId };
}

// As ours does on a page's pagehide: a clean close checkpoints the WAL into the database.
function close() {
  for (const statement of Object.values(statements)) statement.finalize();
  db.close();
  return { ok: true };
}

async function wipe() {
  for (const statement of Object.values(statements)) statement.finalize();
  db.close();
  await pool.wipeFiles();
  return { ok: true };
}

servePeer(sqlite3Ready, {
  "client.open": open,
  "client.close": close,
  "client.applySync": applySync,
  "client.messages": messages,
  "client.enqueue": enqueue,
  "client.wipe": wipe,
});
