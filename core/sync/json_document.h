#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/field_error.h"

namespace parta::sync {

// Parses text that came from the network as exactly one JSON document. Stricter than
// nlohmann::json::parse in the ways the protocol promises (docs/protocol.md, "Limits"):
// * A NUL byte anywhere refuses the text. nlohmann's lexer reads NUL as the end of input, so
//   `{…}\0garbage` would otherwise parse as the document before it.
// * A name that appears twice in one object refuses the text, with the path of the second
//   one. RFC 8259 §4 says names SHOULD be unique; where they are not, the last one would win,
//   so an invalid value followed by a valid one under the same name would pass validation.
// * Objects and arrays nest at most kMaxJsonNesting deep.
// Answers the error, or nullopt with `document` filled in.
std::optional<FieldError> parseJsonDocument(std::string_view text, nlohmann::json& document);

// Whether the text may be parsed at all: it holds no NUL byte (see parseJsonDocument).
bool hasNoNulByte(std::string_view text);

// nlohmann's SAX interface, building a DOM as nlohmann's own parser does, with the checks of
// parseJsonDocument. The sync page parser uses it for the rare member it must keep whole
// before it knows how to read it. Error paths are relative to the value being built.
class JsonDocumentBuilder {
public:
    explicit JsonDocumentBuilder(nlohmann::json& root) : root_(root) {}

    const std::optional<FieldError>& error() const { return error_; }

    bool null() { return add(nullptr); }
    bool boolean(bool value) { return add(value); }
    bool number_integer(nlohmann::json::number_integer_t value) { return add(value); }
    bool number_unsigned(nlohmann::json::number_unsigned_t value) { return add(value); }
    bool number_float(nlohmann::json::number_float_t value, const nlohmann::json::string_t&) { return add(value); }
    bool string(nlohmann::json::string_t& value) { return add(std::move(value)); }
    bool binary(nlohmann::json::binary_t& value) { return add(nlohmann::json::binary_t(std::move(value))); }
    bool start_object(std::size_t) { return open(nlohmann::json::object()); }
    bool start_array(std::size_t) { return open(nlohmann::json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }
    bool key(nlohmann::json::string_t& name);
    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception&) {
        error_ = FieldError{"", "expected a JSON document"};
        return false;
    }

private:
    struct Frame {
        nlohmann::json* value = nullptr;
        // Objects: the name being read and the element it fills.
        const std::string* key = nullptr;
        nlohmann::json* slot = nullptr;
        // Arrays: how many items so far, the last one being read.
        std::size_t items = 0;
    };

    nlohmann::json* place(nlohmann::json&& value);
    bool add(nlohmann::json&& value) {
        place(std::move(value));
        return true;
    }
    bool open(nlohmann::json&& container);
    bool close() {
        stack_.pop_back();
        return true;
    }
    std::string path() const;

    nlohmann::json& root_;
    std::vector<Frame> stack_;
    std::optional<FieldError> error_;
};

}  // namespace parta::sync
