#pragma once

#include <cstdint>
#include <string>

#include "client/json_text.h"
#include "store/records.h"
#include "store/server_store.h"

namespace parta::server {

// Writes one answer of GET /api/v1/sync in the format core's parser reads
// (core/sync/sync_page.h, docs/protocol.md): events in log order, then cursor and more, which
// are known only at the end (members may come in any order).
class SyncPageWriter {
public:
    explicit SyncPageWriter(std::int64_t readerId);

    void reset();
    void me(const Account& account);
    // A membership comes after its member's `user`, so the reader knows every name it shows.
    void entry(const LogEntry& entry);

    std::string finish(const std::string& cursor, bool more);

private:
    std::int64_t readerId_;
    JsonText json_;
};

// {"message": {…}}: the answer to POST /api/v1/messages, with the sender's clientId.
std::string sentMessageJson(const store::Message& message);

}  // namespace parta::server
