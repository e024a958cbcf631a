#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parta::server {

// A position in one school's event log, as the opaque cursor of docs/protocol.md:
// "v1-<schoolId>-<eventId>-<profileVersion>", URL-safe as the protocol requires. The school is
// part of it so a cursor carried from another school's account is unknown (a reset), never a
// position; the profile version is that of the `me` the client holds, so a changed profile is
// sent again. A cursor written before profile versions ("v1-<school>-<event>") still decodes,
// as one whose `me` is of unknown age.
struct SyncCursor {
    std::int64_t schoolId = 0;
    std::int64_t eventId = 0;  // the last event the client has; 0 before the first
    std::optional<std::int64_t> profileVersion;
};

std::string encodeCursor(SyncCursor cursor);
// nullopt for anything encodeCursor cannot have written.
std::optional<SyncCursor> decodeCursor(std::string_view text);

}  // namespace parta::server
