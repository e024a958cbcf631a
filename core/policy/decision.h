#pragma once

#include <string_view>

#include "common/localized_text.h"
#include "policy/reason.h"

namespace parta::policy {

struct Decision {
    bool allowed = false;
    Reason reason = Reason::RoleNotAllowed;
    // The regulation clause of the rule that allowed or denied, e.g. "001_acba6f732bb2bae0.txt §3.4.7".
    std::string_view regulation;

    LocalizedText message() const { return reasonMessage(reason); }
};

}  // namespace parta::policy
