#pragma once

#include <cstdint>
#include <vector>

#include "store/records.h"

namespace parta {

// Whether `optionIds` is a choice a person may make in `poll`: options of that poll, each at
// most once, and no more than one in a single-choice poll. No option at all withdraws the
// vote, which is always a valid choice. The client checks it before queueing a vote and the
// server before storing one, with this one function.
bool isValidPollChoice(const store::Poll& poll, const std::vector<std::int64_t>& optionIds);

}  // namespace parta
