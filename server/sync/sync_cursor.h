#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parta::server {

// A position in one school's event log, as the opaque cursor of docs/protocol.md:
// "v1-<schoolId>-<eventId>-<profileVersion>-<readableChats>", URL-safe as the protocol
// requires. The school is part of it so a cursor carried from another school's account is
// unknown (a reset), never a position; the profile version is that of the `me` the client
// holds, so a changed profile is sent again; `readableChats` is the digest of the chats the
// client's pages covered, so a chat that became readable since is noticed (sync_feed.cpp).
// Cursors written before ("v1-<school>-<event>", "v1-<school>-<event>-<profile>") still
// decode, as ones whose `me`, or whose chats, are of unknown age.
struct SyncCursor {
    std::int64_t schoolId = 0;
    std::int64_t eventId = 0;  // the last event the client has; 0 before the first
    std::optional<std::int64_t> profileVersion;
    std::optional<std::int64_t> readableChats;
};

// A digest of a set of chat ids, 63 bits so that it is a cursor number like the others.
std::int64_t readableChatsDigest(const std::vector<std::int64_t>& chatIds);

std::string encodeCursor(SyncCursor cursor);
// nullopt for anything encodeCursor cannot have written.
std::optional<SyncCursor> decodeCursor(std::string_view text);

}  // namespace parta::server
