// Tier 3: the database files in worker memory only. Used when the browser offers no
// persistent storage at all; the UI warns «офлайн-хранилище недоступно». The IndexedDB tier
// builds on it: memory is where SQLite works, IndexedDB where commits are kept.
import { databaseFileId, kDatabaseFiles } from "./database_files.mjs";

export class MemoryFiles {
  tier = "memory";

  constructor(contents = kDatabaseFiles.map(() => new Uint8Array(0))) {
    // Capacity grows geometrically; `sizes` holds the logical length of each file.
    this.buffers = contents.map((bytes) => bytes);
    this.sizes = contents.map((bytes) => bytes.length);
  }

  fileId(name) {
    return databaseFileId(name);
  }

  size(id) {
    return this.sizes[id];
  }

  read(id, target, offset) {
    const available = Math.max(0, Math.min(target.length, this.sizes[id] - offset));
    target.set(this.buffers[id].subarray(offset, offset + available));
    return available;
  }

  write(id, source, offset) {
    const end = offset + source.length;
    this.reserve(id, end);
    this.buffers[id].set(source, offset);
    this.sizes[id] = Math.max(this.sizes[id], end);
  }

  truncate(id, size) {
    this.reserve(id, size);
    if (size < this.sizes[id]) this.buffers[id].fill(0, size, this.sizes[id]);
    this.sizes[id] = size;
  }

  flush() {}

  async persist() {}

  close() {}

  /** The bytes of file `id` as they stand. */
  contents(id) {
    return this.buffers[id].subarray(0, this.sizes[id]);
  }

  reserve(id, size) {
    const current = this.buffers[id];
    if (size <= current.length) return;
    const grown = new Uint8Array(Math.max(size, current.length * 2, 64 * 1024));
    grown.set(current.subarray(0, this.sizes[id]));
    this.buffers[id] = grown;
  }
}
