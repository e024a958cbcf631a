// Tier 2: for browsers without OPFS sync access handles (private windows, older Safari).
// SQLite works on the files in memory (MemoryFiles); IndexedDB keeps them between sessions.
// open() loads every stored chunk; persist(), which the worker awaits after each call and
// so between SQLite transactions, writes the chunks changed since in ONE IndexedDB
// transaction. That transaction is atomic, so IndexedDB always holds the files as they stood
// after some completed call, and a tab killed mid-write leaves the state before it.
import { kDatabaseFiles } from "./database_files.mjs";
import { MemoryFiles } from "./memory_files.mjs";

// A commit that appends a few pages to the WAL rewrites one or two chunks. Chromium keeps
// values of this size outside its index as blobs: a 40 MB store loads and stores about five
// times faster than in 16 KiB chunks.
const kChunkBytes = 64 * 1024;
// Loaded a batch at a time, so the stored copy never sits in memory whole next to the loaded one.
const kLoadBatchChunks = 16;
// Key [file name, chunk index]; value the chunk's bytes, the file's last chunk cut at its end.
const kChunkStore = "chunks";
// Key file name; value the file's size in bytes.
const kSizeStore = "sizes";

function opened(request) {
  return new Promise((resolve, reject) => {
    request.onupgradeneeded = () => {
      request.result.createObjectStore(kChunkStore);
      request.result.createObjectStore(kSizeStore);
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

// A transaction's error (QuotaExceededError when the origin is out of space) or, when it was
// aborted without one, an AbortError.
function completed(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onabort = () =>
      reject(transaction.error ?? new DOMException("IndexedDB transaction aborted", "AbortError"));
  });
}

async function loadFiles(database) {
  const transaction = database.transaction([kSizeStore, kChunkStore], "readonly");
  const chunks = transaction.objectStore(kChunkStore);
  const contents = [];
  kDatabaseFiles.forEach((name, id) => {
    const size = transaction.objectStore(kSizeStore).get(name);
    size.onsuccess = () => {
      contents[id] = new Uint8Array(size.result ?? 0);
      loadChunks(chunks, name, contents[id], 0);
    };
  });
  await completed(transaction);
  return contents;
}

// Copies the stored chunks of file `name` from index `first` on into `file`, one batch per
// request; each batch asks for the next, which keeps the transaction alive until the last.
function loadChunks(chunks, name, file, first) {
  if (first * kChunkBytes >= file.length) return;
  const range = IDBKeyRange.bound([name, first], [name, Infinity]);
  const keys = chunks.getAllKeys(range, kLoadBatchChunks);
  const values = chunks.getAll(range, kLoadBatchChunks);
  values.onsuccess = () => {
    values.result.forEach((bytes, n) => {
      const offset = keys.result[n][1] * kChunkBytes;
      if (offset < file.length) file.set(bytes.subarray(0, file.length - offset), offset);
    });
    if (values.result.length === kLoadBatchChunks) loadChunks(chunks, name, file, keys.result.at(-1)[1] + 1);
  };
}

export class IndexedDbFiles extends MemoryFiles {
  tier = "indexeddb";

  static supported() {
    return typeof globalThis.indexedDB?.open === "function";
  }

  /** Opens (creating) the IndexedDB database "parta-`databaseName`" and loads the files from it. */
  static async open(databaseName) {
    const database = await opened(indexedDB.open(`parta-${databaseName}`, 1));
    try {
      return new IndexedDbFiles(database, await loadFiles(database));
    } catch (error) {
      database.close();
      throw error;
    }
  }

  /** Deletes the IndexedDB database of `databaseName`; it must be closed. */
  static remove(databaseName) {
    return new Promise((resolve, reject) => {
      const request = indexedDB.deleteDatabase(`parta-${databaseName}`);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
  }

  constructor(database, contents) {
    super(contents);
    this.database = database;
    this.storedSizes = [...this.sizes];
    // Per file, the indexes of the chunks changed since the last completed persist().
    this.changedChunks = kDatabaseFiles.map(() => new Set());
  }

  write(id, source, offset) {
    // Writing past the end also changes the gap before `offset`, which now reads as zeros.
    const from = Math.min(offset, this.sizes[id]);
    super.write(id, source, offset);
    this.markChanged(id, from, offset + source.length);
  }

  truncate(id, size) {
    const previous = this.sizes[id];
    super.truncate(id, size);
    // Growing adds zeros; shrinking cuts the chunk the file now ends in. Chunks wholly past
    // the end are deleted by persist().
    if (size > previous) this.markChanged(id, previous, size);
    else if (size < previous && size % kChunkBytes !== 0) this.markChanged(id, size - 1, size);
  }

  /**
   * Writes the changes since the last persist() in one IndexedDB transaction and resolves
   * when it has completed. On failure (QuotaExceededError when the origin is out of space)
   * IndexedDB keeps the previous state, and the changes are written by the next persist().
   */
  async persist() {
    const sizes = [...this.sizes];
    const unchanged = (id) => this.changedChunks[id].size === 0 && sizes[id] === this.storedSizes[id];
    if (kDatabaseFiles.every((_, id) => unchanged(id))) return;
    const writing = this.changedChunks;
    this.changedChunks = kDatabaseFiles.map(() => new Set());
    try {
      // "strict": complete only once the data is on disk, since the answer to enqueue means saved.
      const transaction = this.database.transaction([kSizeStore, kChunkStore], "readwrite", { durability: "strict" });
      const chunks = transaction.objectStore(kChunkStore);
      kDatabaseFiles.forEach((name, id) => {
        const chunkCount = Math.ceil(sizes[id] / kChunkBytes);
        if (sizes[id] < this.storedSizes[id]) {
          chunks.delete(IDBKeyRange.bound([name, chunkCount], [name, Infinity]));
        }
        for (const index of writing[id]) {
          if (index >= chunkCount) continue;
          const start = index * kChunkBytes;
          // slice, not subarray: a view would store the whole file's buffer.
          chunks.put(this.buffers[id].slice(start, Math.min(start + kChunkBytes, sizes[id])), [name, index]);
        }
        if (sizes[id] !== this.storedSizes[id]) transaction.objectStore(kSizeStore).put(sizes[id], name);
      });
      await completed(transaction);
      this.storedSizes = sizes;
    } catch (error) {
      writing.forEach((indexes, id) => indexes.forEach((index) => this.changedChunks[id].add(index)));
      throw error;
    }
  }

  close() {
    super.close();
    this.database.close();
  }

  markChanged(id, from, to) {
    for (let index = Math.floor(from / kChunkBytes); index * kChunkBytes < to; ++index) {
      this.changedChunks[id].add(index);
    }
  }
}
