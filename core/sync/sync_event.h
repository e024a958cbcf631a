#pragma once

#include <cstdint>
#include <variant>

#include "store/records.h"

namespace parta::sync {

// The events of docs/protocol.md that carry no store record of their own.
struct MembershipRemoved {
    std::int64_t chatId = 0;
    std::int64_t userId = 0;
};

struct MessageDeleted {
    std::int64_t chatId = 0;
    std::int64_t id = 0;
};

struct ReadState {
    std::int64_t chatId = 0;
    std::int64_t lastReadId = 0;
};

// The cursor is too old for the server's log: forget synced data; a full snapshot follows.
struct Reset {};

// One event of a sync page, in server order.
using SyncEvent = std::variant<store::Me, store::User, store::Chat, store::Membership, MembershipRemoved,
                               store::Message, store::MessageEdit, MessageDeleted, store::PollVotes, ReadState,
                               store::Invite, store::JoinRequest, Reset>;

}  // namespace parta::sync
