#include "client/json_text.h"

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
    string(name);
    text_ += ':';
    afterValue_ = false;
    return *this;
}

JsonText& JsonText::string(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    beforeValue();
    text_ += '"';
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': text_ += "\\\""; break;
            case '\\': text_ += "\\\\"; break;
            case '\b': text_ += "\\b"; break;
            case '\f': text_ += "\\f"; break;
            case '\n': text_ += "\\n"; break;
            case '\r': text_ += "\\r"; break;
            case '\t': text_ += "\\t"; break;
            default:
                if (byte < 0x20) {
                    text_ += "\\u00";
                    text_ += kHex[byte >> 4];
                    text_ += kHex[byte & 0xf];
                } else {
                    text_ += c;
                }
        }
    }
    text_ += '"';
    afterValue_ = true;
    return *this;
}

JsonText& JsonText::number(std::int64_t value) {
    beforeValue();
    text_ += std::to_string(value);
    afterValue_ = true;
    return *this;
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
