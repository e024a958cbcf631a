#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "http/http_message.h"
#include "store/server_store.h"
#include "sync/poll_hub.h"

namespace parta::server {

struct SyncQuery {
    std::optional<std::string> since;  // absent on a first sync
    int limit = 0;                     // log rows examined per page, 1 … kMaxSyncLimit
};

// The client asks for 1000 (core/sync/limits.h); a log row becomes at most two events, so a
// page stays far below the protocol's 10 000.
inline constexpr int kMaxSyncLimit = 1000;

// GET /api/v1/sync: pages of one school's log as one reader may see them, and the long-poll.
//  * No `since`: `me`, then the log from its start, which renders every visible thing's current
//    state: the full snapshot, cut into pages by `limit`.
//  * A `since` this school's log cannot have written (malformed, another school's, beyond the
//    newest event): `reset`, `me`, and the snapshot.
//  * Otherwise the visible events after it. When there are none the answer waits, up to
//    `longPoll`, and goes out as soon as a new event visible to this reader is committed.
class SyncFeed {
public:
    SyncFeed(ServerStore& store, std::chrono::milliseconds longPoll);

    void answer(const Account& account, const SyncQuery& query, const std::shared_ptr<Exchange>& exchange);
    // After a commit that added an event to the chat: wakes its members' polls, and for a
    // channel read without joining, those of its whole school.
    void published(std::int64_t chatId);
    // After a commit that added an event only its user may see (their read position): wakes
    // the polls of that user's devices and nobody else's.
    void publishedToUser(std::int64_t userId);

    std::size_t waitingPolls() const { return hub_.waiting(); }
    void cancelWaiting() { hub_.cancelAll(); }

private:
    class Waiter;

    ServerStore& store_;
    std::chrono::milliseconds longPoll_;
    PollHub hub_;
};

}  // namespace parta::server
