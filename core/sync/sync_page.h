#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

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

// Parses and validates the raw response text. Either every field is valid or nothing is
// returned but the first violation.
SyncPageParse parseSyncPage(std::string_view text);

// The message object shared by sync events and the answer to POST /api/v1/messages.
store::Message parseMessage(const nlohmann::json& value, const std::string& path, std::optional<FieldError>& error);

bool isValidCursor(std::string_view cursor);

}  // namespace parta::sync
