#include "static/static_path.h"

namespace parta::server {

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::optional<std::string> decodedStaticPath(std::string_view urlPath) {
    if (urlPath.empty() || urlPath.front() != '/') return std::nullopt;
    std::string decoded;
    decoded.reserve(urlPath.size());
    for (std::size_t i = 0; i < urlPath.size(); ++i) {
        if (urlPath[i] != '%') {
            decoded += urlPath[i];
            continue;
        }
        if (i + 2 >= urlPath.size()) return std::nullopt;
        const int high = hexValue(urlPath[i + 1]);
        const int low = hexValue(urlPath[i + 2]);
        if (high < 0 || low < 0) return std::nullopt;
        const char byte = static_cast<char>(high * 16 + low);
        // An encoded separator would be one segment to this check and two to the file system.
        if (byte == '/' || byte == '\\' || byte == '\0') return std::nullopt;
        decoded += byte;
        i += 2;
    }
    if (decoded.find('\\') != std::string::npos || decoded.find("..") != std::string::npos) return std::nullopt;
    // Every segment after the leading '/': none empty (but the last, "/wasm/"), none hidden.
    for (std::size_t start = 1; start < decoded.size();) {
        const std::size_t end = std::min(decoded.find('/', start), decoded.size());
        if (end == start || decoded[start] == '.') return std::nullopt;
        start = end + 1;
    }
    return decoded;
}

}  // namespace parta::server
