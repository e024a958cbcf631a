#pragma once

#include <memory>

#include "api/api_context.h"
#include "http/http_message.h"
#include "store/server_store.h"

namespace parta::server {

// Each endpoint reads the request, asks core (the policy's decide, core's limits), writes
// through the store in one transaction, and answers. None of them holds a rule of its own.

// POST /api/v1/session {"login", "password"}: sets the session cookie.
Response signIn(ApiContext& context, const Request& request);
// DELETE /api/v1/session: ends the session the cookie names.
Response signOut(ApiContext& context, const std::string& tokenHash);
// GET /api/v1/sessions: the caller's unexpired sessions, the current one marked.
Response listSessions(ApiContext& context, const Account& account, const std::string& tokenHash);
// DELETE /api/v1/sessions: signs the caller out everywhere, this device included.
Response endAllSessions(ApiContext& context, const Account& account);
// DELETE /api/v1/users/{id}/sessions: an admin signs a person of the school out everywhere.
Response endSessionsOf(ApiContext& context, const Account& account, std::int64_t userId);
// GET /api/v1/sync?since=CURSOR&limit=N: a page now, or when there is one (long-poll).
void sync(ApiContext& context, const Account& account, const Request& request, const std::shared_ptr<Exchange>& exchange);
// POST /api/v1/messages: idempotent by (sender, clientId).
Response postMessage(ApiContext& context, const Account& account, const Request& request);

}  // namespace parta::server
