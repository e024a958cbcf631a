#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parta {

// Why a poll cannot be sent, by the limits of docs/protocol.md ("poll" of a new message): a
// question of 1 … kMaxMessageChars code points, kMinPollOptions … kMaxPollOptions options of
// 1 … kMaxNameChars each, every text UTF-8 without U+0000. The client checks it before
// queueing, so a poll written offline is not refused by the server later.
enum class PollProblem {
    Question,     // missing, too long, or not a protocol text
    OptionCount,  // fewer than 2 or more than 10 options
    Option,       // an option missing, too long, or not a protocol text
};

std::optional<PollProblem> pollProblem(std::string_view question, const std::vector<std::string>& options);

}  // namespace parta
