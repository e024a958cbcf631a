#pragma once

#include <optional>
#include <string_view>

namespace parta {

// Why a text cannot be a message's (or an edit's) text, in the order it is checked. The
// client checks it before queueing and the server before storing, with this one function, so
// the rule cannot drift between them (docs/protocol.md, "Limits").
enum class MessageTextProblem {
    NotUtf8,         // JSON carries UTF-8 only: such a text could never be sent
    ContainsNul,     // no protocol text may contain U+0000
    OnlyWhitespace,  // empty, or nothing but Unicode White_Space
    TooLong,         // above sync::kMaxMessageChars code points
};

std::optional<MessageTextProblem> messageTextProblem(std::string_view text);

}  // namespace parta
