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

std::optional<std::string> Request::decodedQueryParameter(std::string_view name) const {
    const std::string raw = queryParameter(name);
    const auto hexValue = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string decoded;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '+') {
            decoded += ' ';
        } else if (raw[i] != '%') {
            decoded += raw[i];
        } else {
            if (i + 2 >= raw.size()) return std::nullopt;
            const int high = hexValue(raw[i + 1]);
            const int low = hexValue(raw[i + 2]);
            if (high < 0 || low < 0) return std::nullopt;
            decoded += static_cast<char>(high * 16 + low);
            i += 2;
        }
    }
    return decoded;
}

}  // namespace parta::server
