#pragma once

#include <string>
#include <vector>

#include "client/client.h"

namespace parta::testing {

// What the read APIs answer, as one text: the chat list, every message page of every chat,
// search for each of `searchWords`, the outbox, the drafts and allowedActions. Two clients with
// equal visible states look the same to everyone using them, whatever their files hold.
// Outbox items are described without their clientId, which each client draws at random.
std::string visibleState(Client& client, const std::vector<std::string>& searchWords);

}  // namespace parta::testing
