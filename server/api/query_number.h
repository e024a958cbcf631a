#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "http/http_message.h"

namespace parta::server {

// A whole number within [min, max] from the query string; `fallback` when the parameter is
// absent, nullopt when it is there but not such a number.
std::optional<std::int64_t> queryNumber(const Request& request, std::string_view name, std::int64_t min,
                                        std::int64_t max, std::int64_t fallback);

}  // namespace parta::server
