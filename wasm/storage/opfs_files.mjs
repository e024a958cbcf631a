// Tier 1: the database files in the Origin Private File System, through sync access handles.
// Creating a handle is asynchronous and everything after it synchronous, so the handles of
// all three files are opened up front, before SQLite asks for any of them.
import { databaseFileId, kDatabaseFiles } from "./database_files.mjs";

// A handle is exclusive to one context. The previous owner of the database (a tab that just
// closed, or this worker's previous open) may still be letting go of it.
const kRetryDelaysMs = [25, 50, 100, 200, 400, 800, 1600];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function createSyncAccessHandle(fileHandle) {
  for (let attempt = 0; ; ++attempt) {
    try {
      return await fileHandle.createSyncAccessHandle();
    } catch (error) {
      if (error?.name !== "NoModificationAllowedError" || attempt >= kRetryDelaysMs.length) throw error;
      await sleep(kRetryDelaysMs[attempt]);
    }
  }
}

export class OpfsFiles {
  tier = "opfs";

  static supported() {
    return (
      typeof navigator !== "undefined" &&
      typeof navigator.storage?.getDirectory === "function" &&
      typeof FileSystemFileHandle !== "undefined" &&
      "createSyncAccessHandle" in FileSystemFileHandle.prototype
    );
  }

  /** Opens (creating) the files of database `databaseName` under /parta/ in OPFS. */
  static async open(databaseName) {
    const root = await navigator.storage.getDirectory();
    const parta = await root.getDirectoryHandle("parta", { create: true });
    const directory = await parta.getDirectoryHandle(databaseName, { create: true });
    const handles = [];
    try {
      for (const name of kDatabaseFiles) {
        handles.push(await createSyncAccessHandle(await directory.getFileHandle(name, { create: true })));
      }
    } catch (error) {
      for (const handle of handles) handle.close();
      throw error;
    }
    return new OpfsFiles(handles);
  }

  /** Deletes the files of database `databaseName`; they must be closed. */
  static async remove(databaseName) {
    const parta = await (await navigator.storage.getDirectory()).getDirectoryHandle("parta", { create: true });
    await parta.removeEntry(databaseName, { recursive: true });
  }

  constructor(handles) {
    this.handles = handles;
  }

  fileId(name) {
    return databaseFileId(name);
  }

  size(id) {
    return this.handles[id].getSize();
  }

  read(id, target, offset) {
    return this.handles[id].read(target, { at: offset });
  }

  write(id, source, offset) {
    const written = this.handles[id].write(source, { at: offset });
    if (written !== source.length) throw new Error(`short write: ${written} of ${source.length} bytes`);
  }

  truncate(id, size) {
    this.handles[id].truncate(size);
  }

  flush(id) {
    this.handles[id].flush();
  }

  async persist() {}

  close() {
    for (const handle of this.handles) handle.close();
    this.handles = [];
  }
}
