// The files SQLite may open for one Parta database, and the shape every storage tier gives
// them. The VFS (browser_vfs.cpp) calls these methods synchronously from inside SQLite:
//
//   fileId(name) -> id, or -1 when `name` is none of the database's files
//   size(id) -> bytes
//   read(id, target: Uint8Array, offset) -> bytes read (fewer at the end of the file)
//   write(id, source: Uint8Array, offset)   throws a DOMException named QuotaExceededError when full
//   truncate(id, size)
//   flush(id)
//   async persist()   the worker awaits it after each call, before answering: the IndexedDB
//                     tier writes back there, so nothing is acknowledged before it is stored
//   close()
//   tier              "opfs" | "indexeddb" | "memory"

/** The name the worker opens the database under; SQLite derives the other two from it. */
export const kDatabaseFile = "parta.sqlite3";
export const kDatabaseFiles = [kDatabaseFile, `${kDatabaseFile}-journal`, `${kDatabaseFile}-wal`];

/** Index in kDatabaseFiles, or -1. SQLite may hand the name with a leading slash. */
export function databaseFileId(name) {
  return kDatabaseFiles.indexOf(name.startsWith("/") ? name.slice(1) : name);
}

export function quotaExceeded(message) {
  return new DOMException(message, "QuotaExceededError");
}
