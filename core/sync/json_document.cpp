#include "sync/json_document.h"

#include <utility>

#include "sync/limits.h"

namespace parta::sync {

using nlohmann::json;

bool JsonDocumentBuilder::key(json::string_t& name) {
    Frame& object = stack_.back();
    const auto [element, inserted] = object.value->emplace(std::move(name), nullptr);
    object.key = &element.key();
    object.slot = &element.value();
    if (!inserted) error_ = FieldError{path(), "expected a name that appears once in its object"};
    return inserted;
}

json* JsonDocumentBuilder::place(json&& value) {
    if (stack_.empty()) {
        root_ = std::move(value);
        return &root_;
    }
    Frame& parent = stack_.back();
    if (parent.value->is_array()) {
        ++parent.items;
        parent.value->push_back(std::move(value));
        return &parent.value->back();
    }
    *parent.slot = std::move(value);
    return parent.slot;
}

bool JsonDocumentBuilder::open(json&& container) {
    if (stack_.size() >= kMaxJsonNesting) {
        error_ = FieldError{path(), "expected at most " + std::to_string(kMaxJsonNesting) + " levels of nesting"};
        return false;
    }
    stack_.push_back(Frame{place(std::move(container))});
    return true;
}

// The path of the value being read, in the form of FieldError: events[3].message.id.
std::string JsonDocumentBuilder::path() const {
    std::string path;
    for (const Frame& frame : stack_) {
        if (frame.value->is_array()) {
            if (frame.items > 0) path += "[" + std::to_string(frame.items - 1) + "]";
        } else if (frame.key) {
            if (!path.empty()) path += '.';
            path += *frame.key;
        }
    }
    return path;
}

bool hasNoNulByte(std::string_view text) { return text.find('\0') == std::string_view::npos; }

std::optional<FieldError> parseJsonDocument(std::string_view text, json& document) {
    if (!hasNoNulByte(text)) return FieldError{"", "expected a JSON document"};
    JsonDocumentBuilder builder(document);
    const bool parsed = json::sax_parse(text.begin(), text.end(), &builder);
    std::optional<FieldError> error = builder.error();
    if (!parsed && !error) error = FieldError{"", "expected a JSON document"};
    if (error) document = json();
    return error;
}

}  // namespace parta::sync
