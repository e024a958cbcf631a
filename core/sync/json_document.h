#pragma once

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sync/field_error.h"

namespace parta::sync {

// Parses text that came from the network as exactly one JSON document. Stricter than
// nlohmann::json::parse in two ways the protocol promises (docs/protocol.md, "Limits"):
// * A NUL byte anywhere refuses the text. nlohmann's lexer reads NUL as the end of input, so
//   `{…}\0garbage` would otherwise parse as the document before it.
// * A name that appears twice in one object refuses the text, with the path of the second
//   one. RFC 8259 §4 says names SHOULD be unique; where they are not, the last one would win,
//   so an invalid value followed by a valid one under the same name would pass validation.
// Answers the error, or nullopt with `document` filled in.
std::optional<FieldError> parseJsonDocument(std::string_view text, nlohmann::json& document);

}  // namespace parta::sync
