#include "http/content_disposition.h"

#include "text/utf8.h"

namespace parta::server {

namespace {

// RFC 8187 attr-char: what a filename* value may hold unescaped.
bool isAttrChar(unsigned char c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case '!': case '#': case '$': case '&': case '+': case '-': case '.':
        case '^': case '_': case '`': case '|': case '~': return true;
        default: return false;
    }
}

std::string percentEncoded(std::string_view name) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string encoded;
    for (const char byte : name) {
        const auto c = static_cast<unsigned char>(byte);
        if (isAttrChar(c)) {
            encoded += byte;
        } else {
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 0x0F];
        }
    }
    return encoded;
}

// The name with every character that is not printable ASCII, and every one a quoted string or
// a file system would read specially, as '_': one '_' per code point, not per byte.
std::string asciiStandIn(std::string_view name) {
    std::string standIn;
    for (std::size_t offset = 0; offset < name.size();) {
        const utf8::DecodedCodePoint decoded = utf8::decodeAt(name, offset);
        offset += decoded.length;
        const char32_t c = decoded.value;
        const bool plain = c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '/' && c != '%';
        standIn += plain ? static_cast<char>(c) : '_';
    }
    return standIn;
}

}  // namespace

std::string attachmentDisposition(std::string_view name) {
    return "attachment; filename=\"" + asciiStandIn(name) + "\"; filename*=UTF-8''" + percentEncoded(name);
}

}  // namespace parta::server
