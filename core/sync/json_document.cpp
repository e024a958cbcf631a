#include "sync/json_document.h"

#include <string>
#include <utility>
#include <vector>

namespace parta::sync {

namespace {

using nlohmann::json;

// Builds the document as nlohmann's own DOM parser does, and refuses a repeated name. It keeps
// the path to the value being read, so the error can name where the repetition is.
class DocumentBuilder {
public:
    explicit DocumentBuilder(json& root) : root_(root) {}

    std::optional<FieldError>& error() { return error_; }

    bool null() { return add(nullptr); }
    bool boolean(bool value) { return add(value); }
    bool number_integer(json::number_integer_t value) { return add(value); }
    bool number_unsigned(json::number_unsigned_t value) { return add(value); }
    bool number_float(json::number_float_t value, const json::string_t&) { return add(value); }
    bool string(json::string_t& value) { return add(std::move(value)); }
    bool binary(json::binary_t& value) { return add(json::binary_t(std::move(value))); }

    bool start_object(std::size_t) { return open(json::object()); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(json::string_t& name) {
        Frame& object = stack_.back();
        const auto [element, inserted] = object.value->emplace(std::move(name), nullptr);
        object.key = &element.key();
        object.slot = &element.value();
        if (!inserted) error_ = FieldError{path(), "expected a name that appears once in its object"};
        return inserted;
    }

    template <class Exception>
    bool parse_error(std::size_t, const std::string&, const Exception&) {
        error_ = FieldError{"", "expected a JSON document"};
        return false;
    }

private:
    struct Frame {
        json* value = nullptr;
        // Objects: the name being read and the element it fills.
        const std::string* key = nullptr;
        json* slot = nullptr;
        // Arrays: how many items so far, the last one being read.
        std::size_t items = 0;
    };

    // Where the next value goes: the root, the slot of the name just read, or the array's end.
    json* place(json&& value) {
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

    bool add(json&& value) {
        place(std::move(value));
        return true;
    }

    bool open(json&& container) {
        stack_.push_back(Frame{place(std::move(container))});
        return true;
    }

    bool close() {
        stack_.pop_back();
        return true;
    }

    // The path of the value being read, in the form of FieldError: events[3].message.id.
    std::string path() const {
        std::string path;
        for (const Frame& frame : stack_) {
            if (frame.value->is_array()) {
                path += "[" + std::to_string(frame.items - 1) + "]";
            } else if (frame.key) {
                if (!path.empty()) path += '.';
                path += *frame.key;
            }
        }
        return path;
    }

    json& root_;
    std::vector<Frame> stack_;
    std::optional<FieldError> error_;
};

}  // namespace

std::optional<FieldError> parseJsonDocument(std::string_view text, json& document) {
    if (text.find('\0') != std::string_view::npos) return FieldError{"", "expected a JSON document"};
    DocumentBuilder builder(document);
    const bool parsed = json::sax_parse(text.begin(), text.end(), &builder);
    if (!parsed && !builder.error()) builder.error() = FieldError{"", "expected a JSON document"};
    if (builder.error()) document = json();
    return builder.error();
}

}  // namespace parta::sync
