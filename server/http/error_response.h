#pragma once

#include <string_view>

#include "common/localized_text.h"
#include "http/http_message.h"

namespace parta::server {

// The error body every endpoint answers with (docs/protocol.md):
// {"error": {"code", "message": {"ru", "en"}, "detail"?}}. `code` is stable and is what clients
// and tests look at; `detail`, for developers, names the field at fault and never holds user data.
Response errorResponse(int status, std::string_view code, LocalizedText message, std::string_view detail = {});

Response storageFailedResponse();

// What the HTTP layer answers by itself, before any endpoint sees the request.
enum class Refusal { BodyTooLarge, HeadersTooLarge, Malformed };
Response refusalResponse(Refusal refusal);

}  // namespace parta::server
