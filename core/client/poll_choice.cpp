#include "client/poll_choice.h"

#include <algorithm>

namespace parta {

bool isValidPollChoice(const store::Poll& poll, const std::vector<std::int64_t>& optionIds) {
    if (!poll.multipleChoice && optionIds.size() > 1) return false;
    for (auto option = optionIds.begin(); option != optionIds.end(); ++option) {
        const bool inPoll = std::any_of(poll.options.begin(), poll.options.end(),
                                        [&](const store::PollOption& known) { return known.id == *option; });
        if (!inPoll || std::find(optionIds.begin(), option, *option) != option) return false;
    }
    return true;
}

}  // namespace parta
