#include "api/query_number.h"

#include <charconv>
#include <string>

namespace parta::server {

std::optional<std::int64_t> queryNumber(const Request& request, std::string_view name, std::int64_t min,
                                        std::int64_t max, std::int64_t fallback) {
    if (!request.hasQueryParameter(name)) return fallback;
    const std::string text = request.queryParameter(name);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
    return value;
}

}  // namespace parta::server
