#pragma once

#include <string_view>

#include "common/localized_text.h"

namespace parta::invite {

// Stable machine codes: the UI shows the sentence, tests and logs use the code.
enum class InviteError {
    Empty,
    TooLong,
    BadScheme,
    HostNotAllowed,
    BadUrl,
    BadLength,
    BadAlphabet,
    BadChecksum,
};

std::string_view errorCode(InviteError error);
LocalizedText errorMessage(InviteError error);

}  // namespace parta::invite
