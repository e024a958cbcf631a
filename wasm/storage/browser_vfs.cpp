// The SQLite VFS of the browser build, "parta-browser". SQLite's file calls go straight to a
// JS object of synchronous file operations, Module.partaFiles (wasm/storage/*_files.mjs), which
// keeps the database in OPFS through sync access handles, in memory written back to IndexedDB,
// or in memory only. The worker opens those files (the asynchronous part) before it opens the
// database, so every call here is synchronous and needs no SharedArrayBuffer, Asyncify or
// pthreads. Modelled on the official build's opfs-sahpool and wa-sqlite's OPFSCoopSyncVFS.
//
// What keeps SQLite inside the files the worker prepared:
//   - SQLITE_TEMP_STORE=3 puts temporary tables in memory, and Parta never ATTACHes;
//   - xAccess reports *logical* existence (size above 0), because the worker pre-creates
//     every file: an empty "-wal" reported as existing would make the pager expect a WAL;
//   - xDelete truncates to 0 instead of removing the file;
//   - one connection owns the files (the worker holds a Web Lock), so locks are no-ops and
//     WAL runs in EXCLUSIVE locking mode with its index in heap memory instead of shm.
//
// What keeps a commit cheap: each storage call costs far more than the bytes it moves, so the
// frames SQLite appends to the WAL are gathered and written in one call when the commit frame
// is complete (WalBatch, below), and the files are declared safe to overwrite in place, as
// SQLite assumes natively, so a durable commit needs no padding frames up to a sector boundary.
#include <emscripten.h>
#include <sqlite3.h>
#include <unistd.h>  // getentropy

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <vector>

// Offsets travel as double: Emscripten 3.1.6 without WASM_BIGINT would split an int64 into
// two arguments, and a double holds every offset below 2^53 exactly.
EM_JS(int, parta_files_id, (const char* name), {
    const files = Module["partaFiles"];
    return files ? files.fileId(UTF8ToString(name)) : -1;
});

EM_JS(double, parta_files_size, (int file), { return Module["partaFiles"].size(file); });

// Returns the number of bytes read, or -1 when the storage failed.
EM_JS(int, parta_files_read, (int file, void* buffer, int amount, double offset), {
    try {
        return Module["partaFiles"].read(file, HEAPU8.subarray(buffer, buffer + amount), offset);
    } catch (error) {
        Module["partaFiles"].lastError = error;
        return -1;
    }
});

// 0 when written; 1 when the storage refused to grow (quota); 2 on any other failure.
EM_JS(int, parta_files_write, (int file, const void* buffer, int amount, double offset), {
    try {
        Module["partaFiles"].write(file, HEAPU8.subarray(buffer, buffer + amount), offset);
        return 0;
    } catch (error) {
        Module["partaFiles"].lastError = error;
        return error && error.name === "QuotaExceededError" ? 1 : 2;
    }
});

EM_JS(int, parta_files_truncate, (int file, double size), {
    try {
        Module["partaFiles"].truncate(file, size);
        return 0;
    } catch (error) {
        Module["partaFiles"].lastError = error;
        return error && error.name === "QuotaExceededError" ? 1 : 2;
    }
});

EM_JS(int, parta_files_flush, (int file), {
    try {
        Module["partaFiles"].flush(file);
        return 0;
    } catch (error) {
        Module["partaFiles"].lastError = error;
        return 2;
    }
});

namespace {

// The WAL's layout (https://sqlite.org/fileformat2.html#walformat): a 32-byte header, then
// frames, each a 24-byte header and a page. SQLite writes a frame's header and its page in two
// calls, and bytes 4..7 of the header are non-zero only in the frame that commits.
constexpr int kWalHeaderBytes = 32;
constexpr int kFrameHeaderBytes = 24;
// A sync page writes a few hundred frames; past this they go out without waiting for the commit.
constexpr std::size_t kWalBatchBytes = 1 << 20;

// Contiguous writes to the WAL not yet handed to the storage. They are written before SQLite
// learns that its commit frame is written, so a commit that returns is as stored as it was
// without the batch, and a failure to store the batch fails that write, before the commit.
// Any other access to the WAL writes the batch first.
struct WalBatch {
    sqlite3_int64 start = 0;
    std::vector<unsigned char> bytes;
    bool awaitingCommitPage = false;
};

struct BrowserFile {
    sqlite3_file base;
    int id;
    bool deleteOnClose;
    WalBatch* walBatch;  // only for the WAL
};

BrowserFile& browserFile(sqlite3_file* file) { return *reinterpret_cast<BrowserFile*>(file); }

int writeResult(int outcome, int ioError) {
    if (outcome == 0) return SQLITE_OK;
    return outcome == 1 ? SQLITE_FULL : ioError;
}

int writeOut(const BrowserFile& self, const void* buffer, int amount, sqlite3_int64 offset) {
    return writeResult(parta_files_write(self.id, buffer, amount, static_cast<double>(offset)), SQLITE_IOERR_WRITE);
}

int writeBatch(BrowserFile& self) {
    WalBatch* batch = self.walBatch;
    if (!batch || batch->bytes.empty()) return SQLITE_OK;
    const int result = writeOut(self, batch->bytes.data(), static_cast<int>(batch->bytes.size()), batch->start);
    batch->bytes.clear();
    batch->awaitingCommitPage = false;
    return result;
}

bool isCommitFrameHeader(const unsigned char* header) {
    return (header[4] | header[5] | header[6] | header[7]) != 0;
}

int batchWrite(BrowserFile& self, const void* buffer, int amount, sqlite3_int64 offset) {
    WalBatch& batch = *self.walBatch;
    if (!batch.bytes.empty() && offset != batch.start + static_cast<sqlite3_int64>(batch.bytes.size())) {
        if (const int result = writeBatch(self); result != SQLITE_OK) return result;
    }
    if (batch.bytes.empty()) batch.start = offset;
    const auto* bytes = static_cast<const unsigned char*>(buffer);
    batch.bytes.insert(batch.bytes.end(), bytes, bytes + amount);
    const bool frameHeader = amount == kFrameHeaderBytes && offset >= kWalHeaderBytes;
    if (frameHeader) {
        batch.awaitingCommitPage = isCommitFrameHeader(bytes);
        return SQLITE_OK;
    }
    if (batch.awaitingCommitPage || batch.bytes.size() >= kWalBatchBytes) return writeBatch(self);
    return SQLITE_OK;
}

int fileClose(sqlite3_file* file) {
    BrowserFile& self = browserFile(file);
    const int result = writeBatch(self);
    delete self.walBatch;
    self.walBatch = nullptr;
    if (self.deleteOnClose) parta_files_truncate(self.id, 0);
    return result;
}

int fileRead(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    if (writeBatch(browserFile(file)) != SQLITE_OK) return SQLITE_IOERR_READ;
    const int read = parta_files_read(browserFile(file).id, buffer, amount, static_cast<double>(offset));
    if (read < 0) return SQLITE_IOERR_READ;
    if (read < amount) {
        // SQLite requires the unread tail zeroed on a short read.
        std::memset(static_cast<char*>(buffer) + read, 0, static_cast<std::size_t>(amount - read));
        return SQLITE_IOERR_SHORT_READ;
    }
    return SQLITE_OK;
}

int fileWrite(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    BrowserFile& self = browserFile(file);
    return self.walBatch ? batchWrite(self, buffer, amount, offset) : writeOut(self, buffer, amount, offset);
}

int fileTruncate(sqlite3_file* file, sqlite3_int64 size) {
    if (const int result = writeBatch(browserFile(file)); result != SQLITE_OK) return result;
    return writeResult(parta_files_truncate(browserFile(file).id, static_cast<double>(size)), SQLITE_IOERR_TRUNCATE);
}

int fileSync(sqlite3_file* file, int) {
    if (const int result = writeBatch(browserFile(file)); result != SQLITE_OK) return result;
    return parta_files_flush(browserFile(file).id) == 0 ? SQLITE_OK : SQLITE_IOERR_FSYNC;
}

int fileSize(sqlite3_file* file, sqlite3_int64* size) {
    if (const int result = writeBatch(browserFile(file)); result != SQLITE_OK) return result;
    *size = static_cast<sqlite3_int64>(parta_files_size(browserFile(file).id));
    return SQLITE_OK;
}

int fileLock(sqlite3_file*, int) { return SQLITE_OK; }
int fileUnlock(sqlite3_file*, int) { return SQLITE_OK; }

int fileCheckReservedLock(sqlite3_file*, int* reserved) {
    *reserved = 0;
    return SQLITE_OK;
}

int fileControl(sqlite3_file*, int, void*) { return SQLITE_NOTFOUND; }
int fileSectorSize(sqlite3_file*) { return 4096; }
// Power-safe overwrite: writing some bytes of a file never changes others, as for the files
// of the native build (SQLite's default for unix). Without it a durable WAL commit is padded
// with copies of its last frame up to a sector boundary: a frame more per outbox message.
int fileDeviceCharacteristics(sqlite3_file*) {
    return SQLITE_IOCAP_UNDELETABLE_WHEN_OPEN | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

const sqlite3_io_methods kFileMethods = {
    1,  // no shared memory and no memory mapping
    fileClose, fileRead, fileWrite, fileTruncate, fileSync, fileSize, fileLock, fileUnlock,
    fileCheckReservedLock, fileControl, fileSectorSize, fileDeviceCharacteristics,
    nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
};

// The platform VFS still answers for sleeping and the clock, which need no file system.
sqlite3_vfs* platformVfs() { return sqlite3_vfs_find("unix"); }

int vfsOpen(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* outFlags) {
    file->pMethods = nullptr;
    // Temporary files have no name; with SQLITE_TEMP_STORE=3 SQLite never asks for one.
    const int id = name ? parta_files_id(name) : -1;
    if (id < 0) return SQLITE_CANTOPEN;
    BrowserFile& self = browserFile(file);
    self.id = id;
    self.deleteOnClose = (flags & SQLITE_OPEN_DELETEONCLOSE) != 0;
    self.walBatch = (flags & SQLITE_OPEN_WAL) != 0 ? new WalBatch() : nullptr;
    file->pMethods = &kFileMethods;
    if (outFlags) *outFlags = flags;
    return SQLITE_OK;
}

int vfsDelete(sqlite3_vfs*, const char* name, int) {
    const int id = parta_files_id(name);
    if (id < 0) return SQLITE_IOERR_DELETE_NOENT;
    return parta_files_truncate(id, 0) == 0 ? SQLITE_OK : SQLITE_IOERR_DELETE;
}

int vfsAccess(sqlite3_vfs*, const char* name, int, int* result) {
    const int id = parta_files_id(name);
    *result = id >= 0 && parta_files_size(id) > 0;
    return SQLITE_OK;
}

int vfsFullPathname(sqlite3_vfs*, const char* name, int size, char* out) {
    if (static_cast<int>(std::strlen(name)) >= size) return SQLITE_CANTOPEN;
    std::strcpy(out, name);
    return SQLITE_OK;
}

// From the browser's CSPRNG (crypto.getRandomValues, behind getentropy). The unix VFS would
// read /dev/urandom, which needs the Emscripten file system the module is linked without
// (-sFILESYSTEM=0, wasm/CMakeLists.txt). getentropy gives at most 256 bytes a call.
int vfsRandomness(sqlite3_vfs*, int size, char* out) {
    constexpr int kMostPerCall = 256;
    for (int done = 0; done < size;) {
        const int chunk = std::min(kMostPerCall, size - done);
        if (getentropy(out + done, static_cast<std::size_t>(chunk)) != 0) return done;
        done += chunk;
    }
    return size;
}
int vfsSleep(sqlite3_vfs*, int microseconds) { return platformVfs()->xSleep(platformVfs(), microseconds); }
int vfsCurrentTime(sqlite3_vfs*, double* now) { return platformVfs()->xCurrentTime(platformVfs(), now); }
int vfsGetLastError(sqlite3_vfs*, int, char*) { return 0; }
int vfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* now) {
    return platformVfs()->xCurrentTimeInt64(platformVfs(), now);
}

sqlite3_vfs browserVfs = {
    2,                          // iVersion: has xCurrentTimeInt64
    sizeof(BrowserFile),        // szOsFile
    512,                        // mxPathname
    nullptr,                    // pNext
    "parta-browser",            // zName
    nullptr,                    // pAppData
    vfsOpen, vfsDelete, vfsAccess, vfsFullPathname,
    nullptr, nullptr, nullptr, nullptr,  // no loadable extensions (SQLITE_OMIT_LOAD_EXTENSION)
    vfsRandomness, vfsSleep, vfsCurrentTime, vfsGetLastError, vfsCurrentTimeInt64,
    nullptr, nullptr, nullptr,
};

// Registered when the module starts, so "parta-browser" exists before any Client opens, and as
// the default VFS: SQLite seeds its PRNG from the default VFS, and the unix VFS would try to
// open /dev/urandom without a file system to open it in.
[[maybe_unused]] const int kRegistered = sqlite3_vfs_register(&browserVfs, 1);

}  // namespace
