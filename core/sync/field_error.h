#pragma once

#include <string>

namespace parta::sync {

// The first field of a server answer that broke the protocol: where it is and what was
// expected there. Never carries the value itself, which may be a child's message.
struct FieldError {
    std::string path;      // e.g. "events[3].message.chatId"; empty for the document itself
    std::string expected;  // e.g. "expected integer"

    std::string describe() const { return path.empty() ? expected : path + ": " + expected; }
};

}  // namespace parta::sync
