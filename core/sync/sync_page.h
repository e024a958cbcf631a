#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/field_error.h"
#include "sync/sync_event.h"

namespace parta::sync {

// One answer of GET /api/v1/sync (docs/protocol.md).
struct SyncPage {
    std::string cursor;
    bool more = false;
    std::vector<SyncEvent> events;
};

struct SyncPageParse {
    std::optional<FieldError> error;  // the first bad field; the page must not be applied
    SyncPage page;

    bool ok() const { return !error.has_value(); }
};

// Parses and validates the raw response text in one pass. Either every field is valid or
// nothing is returned but the first violation, in the order the text holds them.
SyncPageParse parseSyncPage(std::string_view text);

// The server copy in the answer to POST /api/v1/messages ({"message": {…}}), validated as a
// sync event's message is; nullopt when the answer holds none or an invalid one.
std::optional<store::Message> parseSentMessage(std::string_view body);

// The answer to a change from the outbox (docs/protocol.md, "Changes"): {"events": [...]}, the
// events the change caused, validated as a page's are; nullopt when it holds none or an invalid one.
std::optional<std::vector<SyncEvent>> parseChangeAnswer(std::string_view body);

bool isValidCursor(std::string_view cursor);

}  // namespace parta::sync
