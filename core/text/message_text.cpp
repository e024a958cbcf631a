#include "text/message_text.h"

#include "sync/limits.h"
#include "text/utf8.h"

namespace parta {

std::optional<MessageTextProblem> messageTextProblem(std::string_view text) {
    if (!utf8::isValid(text)) return MessageTextProblem::NotUtf8;
    if (text.find('\0') != std::string_view::npos) return MessageTextProblem::ContainsNul;
    if (utf8::trimWhitespace(text).empty()) return MessageTextProblem::OnlyWhitespace;
    if (utf8::countCodePointsUpTo(text, sync::kMaxMessageChars) > sync::kMaxMessageChars) {
        return MessageTextProblem::TooLong;
    }
    return std::nullopt;
}

}  // namespace parta
