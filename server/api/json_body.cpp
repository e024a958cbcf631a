#include "api/json_body.h"

#include <algorithm>
#include <cstdint>

#include "text/utf8.h"

namespace parta::server {

namespace {

bool isLowerHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

std::string itemPath(const std::string& path, std::size_t index) { return path + "[" + std::to_string(index) + "]"; }

}  // namespace

JsonBody::JsonBody(std::string_view text, std::initializer_list<std::string_view> knownMembers)
    : error_(std::make_shared<std::string>()) {
    auto document = std::make_shared<nlohmann::json>(nlohmann::json::parse(text.begin(), text.end(), nullptr, false));
    document_ = document;
    object_ = document.get();
    if (document->is_discarded()) {
        *error_ = "expected a JSON document";
        return;
    }
    if (!document->is_object()) {
        *error_ = "expected a JSON object";
        return;
    }
    checkMembers(knownMembers);
}

JsonBody::JsonBody(const JsonBody& parent, const nlohmann::json& object, std::string prefix,
                   std::initializer_list<std::string_view> knownMembers)
    : document_(parent.document_), object_(&object), prefix_(std::move(prefix)), error_(parent.error_) {
    checkMembers(knownMembers);
}

void JsonBody::checkMembers(std::initializer_list<std::string_view> knownMembers) {
    for (const auto& entry : object_->items()) {
        if (std::find(knownMembers.begin(), knownMembers.end(), entry.key()) == knownMembers.end()) {
            fail(entry.key().size() <= 64 ? path(entry.key()) : prefix_ + "member", "unknown member");
            return;
        }
    }
}

void JsonBody::fail(std::string_view path, std::string_view expected) {
    if (error_->empty()) *error_ = std::string(path) + ": " + std::string(expected);
}

const nlohmann::json* JsonBody::member(std::string_view name, bool required) {
    if (!ok()) return nullptr;
    const auto found = object_->find(name);
    if (found == object_->end() || found->is_null()) {
        if (required) fail(path(name), "required");
        return nullptr;
    }
    return &*found;
}

std::optional<std::string> JsonBody::textValue(const nlohmann::json& value, const std::string& path,
                                               std::size_t minChars, std::size_t maxChars) {
    if (!value.is_string()) {
        fail(path, "expected string");
        return std::nullopt;
    }
    const std::string& text = value.get_ref<const std::string&>();
    if (!utf8::isValid(text) || text.find('\0') != std::string::npos) {
        fail(path, "expected UTF-8 text without NUL characters");
        return std::nullopt;
    }
    const std::size_t chars = utf8::countCodePointsUpTo(text, maxChars);
    if (chars < minChars || chars > maxChars) {
        fail(path, "expected " + std::to_string(minChars) + " to " + std::to_string(maxChars) + " characters");
        return std::nullopt;
    }
    return text;
}

std::string JsonBody::text(std::string_view name, std::size_t minChars, std::size_t maxChars) {
    const nlohmann::json* value = member(name, true);
    if (!value) return {};
    return textValue(*value, path(name), minChars, maxChars).value_or("");
}

std::string JsonBody::string(std::string_view name) {
    const nlohmann::json* value = member(name, true);
    if (!value) return {};
    if (!value->is_string()) {
        fail(path(name), "expected string");
        return {};
    }
    return value->get<std::string>();
}

std::int64_t JsonBody::id(std::string_view name) {
    const std::optional<std::int64_t> value = optionalId(name);
    if (!value && ok()) fail(path(name), "required");
    return value.value_or(0);
}

std::optional<std::int64_t> JsonBody::idValue(const nlohmann::json& value, const std::string& path) {
    if (value.is_number_unsigned() && value.get<std::uint64_t>() >= 1 &&
        value.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return static_cast<std::int64_t>(value.get<std::uint64_t>());
    }
    if (value.is_number_integer() && value.get<std::int64_t>() >= 1) return value.get<std::int64_t>();
    fail(path, "expected a positive integer id");
    return std::nullopt;
}

std::optional<std::int64_t> JsonBody::optionalId(std::string_view name) {
    const nlohmann::json* value = member(name, false);
    if (!value) return std::nullopt;
    return idValue(*value, path(name));
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
        fail(path(name), "expected a lower-case UUID");
        return {};
    }
    return value->get<std::string>();
}

bool JsonBody::boolean(std::string_view name) {
    const nlohmann::json* value = member(name, true);
    if (!value) return false;
    if (!value->is_boolean()) {
        fail(path(name), "expected true or false");
        return false;
    }
    return value->get<bool>();
}

bool JsonBody::optionalBoolean(std::string_view name) {
    const nlohmann::json* value = member(name, false);
    if (!value) return false;
    if (!value->is_boolean()) {
        fail(path(name), "expected true or false");
        return false;
    }
    return value->get<bool>();
}

std::optional<bool> JsonBody::booleanIfPresent(std::string_view name) {
    const nlohmann::json* value = member(name, false);
    if (!value) return std::nullopt;
    if (!value->is_boolean()) {
        fail(path(name), "expected true or false");
        return std::nullopt;
    }
    return value->get<bool>();
}

std::optional<std::int64_t> JsonBody::optionalInteger(std::string_view name, std::int64_t min, std::int64_t max) {
    const nlohmann::json* value = member(name, false);
    if (!value) return std::nullopt;
    const bool inRange = (value->is_number_integer() && value->get<std::int64_t>() >= min &&
                          value->get<std::int64_t>() <= max) &&
                         !(value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX));
    if (!inRange) {
        fail(path(name), "expected an integer from " + std::to_string(min) + " to " + std::to_string(max));
        return std::nullopt;
    }
    return value->get<std::int64_t>();
}

std::string JsonBody::optionalText(std::string_view name, std::size_t minChars, std::size_t maxChars) {
    const nlohmann::json* value = member(name, false);
    if (!value) return {};
    return textValue(*value, path(name), minChars, maxChars).value_or("");
}

std::vector<std::string> JsonBody::texts(std::string_view name, std::size_t minItems, std::size_t maxItems,
                                         std::size_t minChars, std::size_t maxChars) {
    const nlohmann::json* value = member(name, true);
    if (!value) return {};
    if (!value->is_array() || value->size() < minItems || value->size() > maxItems) {
        fail(path(name), "expected an array of " + std::to_string(minItems) + " to " + std::to_string(maxItems) + " texts");
        return {};
    }
    std::vector<std::string> texts;
    for (std::size_t i = 0; i < value->size(); ++i) {
        std::optional<std::string> text = textValue((*value)[i], itemPath(path(name), i), minChars, maxChars);
        if (!text) return {};
        texts.push_back(std::move(*text));
    }
    return texts;
}

std::vector<std::int64_t> JsonBody::ids(std::string_view name, std::size_t maxItems) {
    return idArray(name, maxItems, true);
}

std::vector<std::int64_t> JsonBody::optionalIds(std::string_view name, std::size_t maxItems) {
    return idArray(name, maxItems, false);
}

std::vector<std::int64_t> JsonBody::idArray(std::string_view name, std::size_t maxItems, bool required) {
    const nlohmann::json* value = member(name, required);
    if (!value) return {};
    if (!value->is_array() || value->size() > maxItems) {
        fail(path(name), "expected an array of at most " + std::to_string(maxItems) + " ids");
        return {};
    }
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < value->size(); ++i) {
        const std::optional<std::int64_t> id = idValue((*value)[i], itemPath(path(name), i));
        if (!id) return {};
        ids.push_back(*id);
    }
    return ids;
}

std::optional<JsonBody> JsonBody::optionalObject(std::string_view name,
                                                 std::initializer_list<std::string_view> knownMembers) {
    const nlohmann::json* value = member(name, false);
    if (!value) return std::nullopt;
    if (!value->is_object()) {
        fail(path(name), "expected an object");
        return std::nullopt;
    }
    return JsonBody(*this, *value, path(name) + ".", knownMembers);
}

}  // namespace parta::server
