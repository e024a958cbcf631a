#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace parta::utf8 {

// A decoded code point and how many bytes it took. Malformed bytes decode as U+FFFD
// of length 1, so a scanner always makes progress and never reads past the end.
struct DecodedCodePoint {
    char32_t value;
    std::size_t length;
};

constexpr char32_t kReplacementCharacter = 0xFFFD;

DecodedCodePoint decodeAt(std::string_view text, std::size_t offset);

// Counts code points; stops early once `limit` is exceeded so oversized input costs
// no more than `limit` steps.
std::size_t countCodePointsUpTo(std::string_view text, std::size_t limit);

// Whether every byte belongs to a well-formed code point: no stray continuation byte, no
// overlong form, no surrogate (which a JS string with a lone surrogate turns into).
bool isValid(std::string_view text);

void append(std::string& out, char32_t codePoint);

// Unicode White_Space plus the byte-order mark that copy-paste from office documents leaves.
bool isWhitespace(char32_t codePoint);

std::string_view trimWhitespace(std::string_view text);

}  // namespace parta::utf8
