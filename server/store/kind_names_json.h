#pragma once

#include <string>
#include <vector>

#include "client/json_text.h"

namespace parta::server {

// Kind names as one JSON array, for `IN (SELECT value FROM json_each(?))`: one statement,
// however many kinds, so the store's statement cache keeps one copy of it.
inline std::string kindNamesJson(const std::vector<std::string>& names) {
    JsonText json;
    json.beginArray();
    for (const std::string& name : names) json.string(name);
    json.endArray();
    return std::string(json.text());
}

}  // namespace parta::server
