#pragma once

#include <string_view>

#include "common/localized_text.h"

namespace parta {

// The sentence beside an outbox item the server refused, from the code it answered: the
// policy's own sentence for a refusal (the same the server's 403 carried), core's for the
// errors both sides share, and a general one naming no cause for anything else. The page
// shows it as it is and keeps no table of its own.
LocalizedText sendFailureMessage(std::string_view failureCode);

}  // namespace parta
