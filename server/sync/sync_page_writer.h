#pragma once

#include <cstdint>
#include <string>
#include <vector>

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
    // {"events": [...]} alone: the answer to a change, which has no cursor.
    std::string finishChangeAnswer();

private:
    std::int64_t readerId_;
    JsonText json_;
};

// {"message": {…}}: the answer to POST /api/v1/messages, with the sender's clientId.
std::string sentMessageJson(const store::Message& message);

// {"events": [...]}: the answer to a change from the outbox, the events it caused in the sync
// format (core's sync::parseChangeAnswer reads it).
std::string changeAnswerJson(std::int64_t readerId, const std::vector<LogEntry>& events);

}  // namespace parta::server
