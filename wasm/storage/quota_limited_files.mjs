// Test support for quota handling: passes every call to the wrapped tier, but refuses, as
// QuotaExceededError, any write or growth that would take the database's files past
// `quotaBytes` in total. Nothing is written when it refuses, as with a real quota.
import { kDatabaseFiles, quotaExceeded } from "./database_files.mjs";

export class QuotaLimitedFiles {
  constructor(files, quotaBytes) {
    this.files = files;
    this.quotaBytes = quotaBytes;
    this.tier = files.tier;
  }

  fileId(name) {
    return this.files.fileId(name);
  }

  size(id) {
    return this.files.size(id);
  }

  read(id, target, offset) {
    return this.files.read(id, target, offset);
  }

  write(id, source, offset) {
    this.refuseGrowthBeyondQuota(id, offset + source.length);
    this.files.write(id, source, offset);
  }

  truncate(id, size) {
    this.refuseGrowthBeyondQuota(id, size);
    this.files.truncate(id, size);
  }

  flush(id) {
    this.files.flush(id);
  }

  persist() {
    return this.files.persist();
  }

  close() {
    this.files.close();
  }

  refuseGrowthBeyondQuota(id, end) {
    const current = this.files.size(id);
    if (end <= current) return;
    let total = end - current;
    for (let file = 0; file < kDatabaseFiles.length; ++file) total += this.files.size(file);
    if (total > this.quotaBytes) throw quotaExceeded(`simulated quota of ${this.quotaBytes} bytes reached`);
  }
}
