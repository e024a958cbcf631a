#include "text/utf8.h"

namespace parta::utf8 {

namespace {

bool isContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

DecodedCodePoint decodeAt(std::string_view text, std::size_t offset) {
    const auto lead = static_cast<unsigned char>(text[offset]);
    if (lead < 0x80) return {lead, 1};

    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2, value = lead & 0x1F, minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3, value = lead & 0x0F, minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4, value = lead & 0x07, minimum = 0x10000;
    } else {
        return {kReplacementCharacter, 1};
    }
    if (offset + length > text.size()) return {kReplacementCharacter, 1};
    for (std::size_t i = 1; i < length; ++i) {
        const auto byte = static_cast<unsigned char>(text[offset + i]);
        if (!isContinuation(byte)) return {kReplacementCharacter, 1};
        value = (value << 6) | (byte & 0x3F);
    }
    // Overlong forms and surrogates are how filters get bypassed; treat them as garbage.
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return {kReplacementCharacter, 1};
    }
    return {value, length};
}

std::size_t countCodePointsUpTo(std::string_view text, std::size_t limit) {
    std::size_t count = 0;
    for (const char byte : text) {
        if (!isContinuation(static_cast<unsigned char>(byte)) && ++count > limit) break;
    }
    return count;
}

bool isValid(std::string_view text) {
    for (std::size_t offset = 0; offset < text.size();) {
        const DecodedCodePoint decoded = decodeAt(text, offset);
        // A real U+FFFD takes three bytes; one byte decoded as it is malformed.
        if (decoded.value == kReplacementCharacter && decoded.length == 1) return false;
        offset += decoded.length;
    }
    return true;
}

void append(std::string& out, char32_t codePoint) {
    if (codePoint < 0x80) {
        out += static_cast<char>(codePoint);
    } else if (codePoint < 0x800) {
        out += static_cast<char>(0xC0 | (codePoint >> 6));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else if (codePoint < 0x10000) {
        out += static_cast<char>(0xE0 | (codePoint >> 12));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (codePoint >> 18));
        out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (codePoint & 0x3F));
    }
}

bool isWhitespace(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

std::string_view trimWhitespace(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size()) {
        const auto decoded = decodeAt(text, begin);
        if (!isWhitespace(decoded.value)) break;
        begin += decoded.length;
    }
    // Walk forward to find the end of the last non-whitespace code point: UTF-8 cannot be
    // decoded backwards safely when it may be malformed.
    std::size_t end = begin;
    for (std::size_t offset = begin; offset < text.size();) {
        const auto decoded = decodeAt(text, offset);
        offset += decoded.length;
        if (!isWhitespace(decoded.value)) end = offset;
    }
    return text.substr(begin, end - begin);
}

}  // namespace parta::utf8
