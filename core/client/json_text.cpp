#include "client/json_text.h"

#include <charconv>

namespace parta {

JsonText& JsonText::beginObject() {
    beforeValue();
    text_ += '{';
    afterValue_ = false;
    return *this;
}

JsonText& JsonText::endObject() {
    text_ += '}';
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::beginArray() {
    beforeValue();
    text_ += '[';
    afterValue_ = false;
    return *this;
}

JsonText& JsonText::endArray() {
    text_ += ']';
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::key(std::string_view name) {
    beforeValue();
    text_ += '"';
    text_.append(name.data(), name.size());
    text_.append("\":", 2);
    afterValue_ = false;
    return *this;
}

namespace {

bool needsEscape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }

void appendEscaped(std::string& out, char c) {
    static constexpr char kHex[] = "0123456789abcdef";
    switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default: {
            const auto byte = static_cast<unsigned char>(c);
            const char escape[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xf]};
            out.append(escape, sizeof escape);
        }
    }
}

}  // namespace

// Copies each run of bytes that needs no escape in one append: a byte at a time, the string's
// growth checks cost most of a message page in wasm, where -Oz keeps them out of line.
JsonText& JsonText::string(std::string_view text) {
    beforeValue();
    text_ += '"';
    std::size_t runStart = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (!needsEscape(text[i])) continue;
        text_.append(text.data() + runStart, i - runStart);
        appendEscaped(text_, text[i]);
        runStart = i + 1;
    }
    text_.append(text.data() + runStart, text.size() - runStart);
    text_ += '"';
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::number(std::int64_t value) {
    beforeValue();
    appendDecimal(value);
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::decimalString(std::int64_t value) {
    beforeValue();
    text_ += '"';
    appendDecimal(value);
    text_ += '"';
    afterValue_ = true;
    return *this;
}

void JsonText::appendDecimal(std::int64_t value) {
    char digits[20];  // "-9223372036854775808"
    const auto written = std::to_chars(digits, digits + sizeof digits, value);
    text_.append(digits, static_cast<std::size_t>(written.ptr - digits));
}

JsonText& JsonText::boolean(bool value) {
    beforeValue();
    text_ += value ? "true" : "false";
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::null() {
    beforeValue();
    text_ += "null";
    afterValue_ = true;
    return *this;
}

void JsonText::beforeValue() {
    if (afterValue_) text_ += ',';
}

}  // namespace parta
