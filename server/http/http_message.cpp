#include "http/http_message.h"

namespace parta::server {

namespace {

// Each `name=value` of the query in turn; stops when `visit` answers true.
template <typename Visit>
void forEachParameter(std::string_view query, Visit visit) {
    while (!query.empty()) {
        const std::size_t end = query.find('&');
        const std::string_view pair = query.substr(0, end);
        const std::size_t equals = pair.find('=');
        if (visit(pair.substr(0, equals), equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1))) return;
        if (end == std::string_view::npos) return;
        query.remove_prefix(end + 1);
    }
}

}  // namespace

std::string_view Request::header(std::string_view lowerCaseName) const {
    for (const auto& [name, value] : headers) {
        if (name == lowerCaseName) return value;
    }
    return {};
}

bool Request::hasQueryParameter(std::string_view name) const {
    bool found = false;
    forEachParameter(query, [&](std::string_view key, std::string_view) { return found = key == name; });
    return found;
}

std::string Request::queryParameter(std::string_view name) const {
    std::string value;
    forEachParameter(query, [&](std::string_view key, std::string_view text) {
        if (key != name) return false;
        value = std::string(text);
        return true;
    });
    return value;
}

}  // namespace parta::server
