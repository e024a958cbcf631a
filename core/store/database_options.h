#pragma once

#include <string>

namespace parta::store {

enum class JournalMode { Wal, Truncate };

// How the file is opened. The defaults suit a native file.
struct DatabaseOptions {
    // SQLite VFS by name; empty for the platform's default. The browser registers its own
    // (wasm/storage) that keeps the files in OPFS, IndexedDB or memory.
    std::string vfs;
    // This connection is the file's only user, which a layer above guarantees (Web Locks in
    // the browser). SQLite then takes its lock once and keeps the WAL index in heap memory,
    // which is what lets WAL run on a VFS without shared memory.
    bool exclusive = false;
    JournalMode journalMode = JournalMode::Wal;
    // Takes effect when the file is created.
    int pageSize = 4096;
};

// How much a commit waits for the storage. Bulk writes (a sync page) can be lost in a power
// cut and fetched again; a message the user wrote and saw accepted must not be.
enum class Durability { Normal, Full };

}  // namespace parta::store
