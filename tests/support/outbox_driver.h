#pragma once

#include <cstdint>

#include "client/client.h"
#include "sync/http_request.h"

namespace parta::testing {

// The next request that carries an outbox item (a new message or a change) from `now` on, as
// the app's loop would reach it: syncs are answered with empty pages and backoffs waited out
// on the way; `now` ends at the time the item was handed out. A test failure when none comes.
sync::HttpRequest nextOutboxRequest(Client& client, std::int64_t& now);

}  // namespace parta::testing
