#include "text/poll_text.h"

#include "sync/limits.h"
#include "text/utf8.h"

namespace parta {

namespace {

bool isProtocolText(std::string_view text, std::size_t maxChars) {
    if (!utf8::isValid(text) || text.find('\0') != std::string_view::npos) return false;
    const std::size_t chars = utf8::countCodePointsUpTo(text, maxChars);
    return chars >= 1 && chars <= maxChars;
}

}  // namespace

std::optional<PollProblem> pollProblem(std::string_view question, const std::vector<std::string>& options) {
    if (!isProtocolText(question, sync::kMaxMessageChars)) return PollProblem::Question;
    if (options.size() < sync::kMinPollOptions || options.size() > sync::kMaxPollOptions) return PollProblem::OptionCount;
    for (const std::string& option : options) {
        if (!isProtocolText(option, sync::kMaxNameChars)) return PollProblem::Option;
    }
    return std::nullopt;
}

}  // namespace parta
