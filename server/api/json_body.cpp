#include "api/json_body.h"

#include <algorithm>
#include <cstdint>

#include "text/utf8.h"

namespace parta::server {

namespace {

bool isLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

}  // namespace

JsonBody::JsonBody(std::string_view text, std::initializer_list<std::string_view> knownMembers) {
    json_ = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (json_.is_discarded()) {
        error_ = "expected a JSON document";
        return;
    }
    if (!json_.is_object()) {
        error_ = "expected a JSON object";
        return;
    }
    for (const auto& entry : json_.items()) {
        if (std::find(knownMembers.begin(), knownMembers.end(), entry.key()) == knownMembers.end()) {
            error_ = entry.key().size() <= 64 ? entry.key() + ": unknown member" : "unknown member";
            return;
        }
    }
}

void JsonBody::fail(std::string_view name, std::string_view expected) {
    if (error_.empty()) error_ = std::string(name) + ": " + std::string(expected);
}

const nlohmann::json* JsonBody::member(std::string_view name, bool required) {
    if (!ok()) return nullptr;
    const auto found = json_.find(name);
    if (found == json_.end() || found->is_null()) {
        if (required) fail(name, "required");
        return nullptr;
    }
    return &*found;
}

std::string JsonBody::text(std::string_view name, std::size_t minChars, std::size_t maxChars) {
    const nlohmann::json* value = member(name, true);
    if (!value) return {};
    if (!value->is_string()) {
        fail(name, "expected string");
        return {};
    }
    const std::string& text = value->get_ref<const std::string&>();
    if (!utf8::isValid(text) || text.find('\0') != std::string::npos) {
        fail(name, "expected UTF-8 text without NUL characters");
        return {};
    }
    const std::size_t chars = utf8::countCodePointsUpTo(text, maxChars);
    if (chars < minChars || chars > maxChars) {
        fail(name, "expected " + std::to_string(minChars) + " to " + std::to_string(maxChars) + " characters");
        return {};
    }
    return text;
}

std::int64_t JsonBody::id(std::string_view name) {
    const std::optional<std::int64_t> value = optionalId(name);
    if (!value && ok()) fail(name, "required");
    return value.value_or(0);
}

std::optional<std::int64_t> JsonBody::optionalId(std::string_view name) {
    const nlohmann::json* value = member(name, false);
    if (!value) return std::nullopt;
    if (value->is_number_unsigned() && value->get<std::uint64_t>() >= 1 &&
        value->get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(value->get<std::uint64_t>());
    }
    if (value->is_number_integer() && value->get<std::int64_t>() >= 1) return value->get<std::int64_t>();
    fail(name, "expected a positive integer id");
    return std::nullopt;
}

std::string JsonBody::uuid(std::string_view name) {
    const nlohmann::json* value = member(name, true);
    if (!value) return {};
    const bool valid = value->is_string() && value->get_ref<const std::string&>().size() == 36 && [&] {
        const std::string& text = value->get_ref<const std::string&>();
        for (std::size_t i = 0; i < text.size(); ++i) {
            const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? text[i] != '-' : !isLowerHex(text[i])) return false;
        }
        return true;
    }();
    if (!valid) {
        fail(name, "expected a lower-case UUID");
        return {};
    }
    return value->get<std::string>();
}

}  // namespace parta::server
