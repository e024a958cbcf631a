#include "sync/json_reader.h"

#include <algorithm>
#include <limits>

#include "sync/limits.h"
#include "text/utf8.h"

namespace parta::sync {

namespace {

constexpr std::size_t kMaxTokenLength = 32;

bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

}  // namespace

bool isValidUuid(std::string_view text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !isHex(text[i])) return false;
    }
    return true;
}

bool isToken(std::string_view text) {
    if (text.empty() || text.size() > kMaxTokenLength || text[0] < 'a' || text[0] > 'z') return false;
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

JsonReader::JsonReader(const nlohmann::json& value, std::string path, std::optional<FieldError>& error)
    : value_(value), path_(std::move(path)), error_(error) {
    if (ok() && !value_.is_object()) fail(path_, "expected object");
}

std::string JsonReader::pathOf(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void JsonReader::fail(const std::string& path, std::string expected) {
    if (!error_) error_ = FieldError{path, std::move(expected)};
}

const nlohmann::json* JsonReader::field(std::string_view key, bool required) {
    if (!ok()) return nullptr;
    const auto found = value_.find(key);
    if (found == value_.end() || found->is_null()) {
        if (required) fail(pathOf(key), "required");
        return nullptr;
    }
    return &*found;
}

std::optional<std::int64_t> JsonReader::integerAt(const nlohmann::json& value, std::string_view key,
                                                  std::int64_t min, std::int64_t max) {
    if (!value.is_number_integer()) {
        fail(pathOf(key), "expected integer");
        return std::nullopt;
    }
    const bool tooLarge = value.is_number_unsigned() &&
                          value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const std::int64_t number = tooLarge ? std::numeric_limits<std::int64_t>::max() : value.get<std::int64_t>();
    if (tooLarge || number < min || number > max) {
        fail(pathOf(key), "expected integer from " + std::to_string(min) + " to " + std::to_string(max));
        return std::nullopt;
    }
    return number;
}

std::int64_t JsonReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
    const nlohmann::json* value = field(key, true);
    if (!value) return 0;
    return integerAt(*value, key, min, max).value_or(0);
}

std::int64_t JsonReader::id(std::string_view key) {
    return integer(key, 1, std::numeric_limits<std::int64_t>::max());
}

std::optional<std::int64_t> JsonReader::optionalId(std::string_view key) {
    const nlohmann::json* value = field(key, false);
    if (!value) return std::nullopt;
    return integerAt(*value, key, 1, std::numeric_limits<std::int64_t>::max());
}

std::int64_t JsonReader::time(std::string_view key) { return integer(key, 0, kMaxTimeMs); }

std::optional<std::int64_t> JsonReader::optionalTime(std::string_view key) {
    const nlohmann::json* value = field(key, false);
    if (!value) return std::nullopt;
    return integerAt(*value, key, 0, kMaxTimeMs);
}

bool JsonReader::boolean(std::string_view key) {
    const nlohmann::json* value = field(key, true);
    if (value && !value->is_boolean()) fail(pathOf(key), "expected boolean");
    return ok() && value->get<bool>();
}

bool JsonReader::flag(std::string_view key, bool fallback) {
    const nlohmann::json* value = field(key, false);
    if (!value) return fallback;
    if (!value->is_boolean()) {
        fail(pathOf(key), "expected boolean");
        return fallback;
    }
    return value->get<bool>();
}

std::string JsonReader::text(std::string_view key, std::size_t minChars, std::size_t maxChars) {
    const nlohmann::json* value = field(key, true);
    if (!value) return {};
    if (!value->is_string()) {
        fail(pathOf(key), "expected string");
        return {};
    }
    const auto& text = value->get_ref<const std::string&>();
    const std::size_t chars = utf8::countCodePointsUpTo(text, maxChars);
    if (chars < minChars || chars > maxChars) {
        fail(pathOf(key), "expected " + std::to_string(minChars) + " to " + std::to_string(maxChars) + " characters");
        return {};
    }
    if (text.find('\0') != std::string::npos) {
        fail(pathOf(key), "expected text without NUL characters");
        return {};
    }
    return text;
}

std::optional<std::string> JsonReader::optionalText(std::string_view key, std::size_t minChars,
                                                    std::size_t maxChars) {
    if (!field(key, false)) return std::nullopt;
    return text(key, minChars, maxChars);
}

std::string JsonReader::token(std::string_view key) {
    const std::string value = text(key, 1, kMaxTokenLength);
    if (ok() && !isToken(value)) fail(pathOf(key), "expected lower-case identifier [a-z][a-z0-9_]*");
    return value;
}

std::string JsonReader::oneOf(std::string_view key, std::initializer_list<std::string_view> allowed) {
    const std::string value = text(key, 1, kMaxTokenLength);
    if (!ok()) return {};
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
        std::string expected = "expected one of";
        for (const std::string_view option : allowed) expected += " " + std::string(option);
        fail(pathOf(key), expected);
        return {};
    }
    return value;
}

std::optional<std::string> JsonReader::optionalUuid(std::string_view key) {
    const nlohmann::json* value = field(key, false);
    if (!value) return std::nullopt;
    if (!value->is_string() || !isValidUuid(value->get_ref<const std::string&>())) {
        fail(pathOf(key), "expected lower-case UUID");
        return std::nullopt;
    }
    return value->get<std::string>();
}

const nlohmann::json* JsonReader::array(std::string_view key, std::size_t minItems, std::size_t maxItems,
                                        bool required) {
    const nlohmann::json* value = field(key, required);
    if (!value) return nullptr;
    if (!value->is_array()) {
        fail(pathOf(key), "expected array");
        return nullptr;
    }
    if (value->size() > maxItems) {
        fail(pathOf(key), "expected at most " + std::to_string(maxItems) + " items");
        return nullptr;
    }
    if (value->size() < minItems) {
        fail(pathOf(key), "expected at least " + std::to_string(minItems) + (minItems == 1 ? " item" : " items"));
        return nullptr;
    }
    return value;
}

const nlohmann::json* JsonReader::object(std::string_view key, bool required) {
    const nlohmann::json* value = field(key, required);
    if (value && !value->is_object()) {
        fail(pathOf(key), "expected object");
        return nullptr;
    }
    return value;
}

}  // namespace parta::sync
