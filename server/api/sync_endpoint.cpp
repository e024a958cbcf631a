#include <charconv>

#include "api/endpoints.h"
#include "http/error_response.h"
#include "sync/limits.h"

namespace parta::server {

void sync(ApiContext& context, const Account& account, const Request& request, const std::shared_ptr<Exchange>& exchange) {
    SyncQuery query;
    query.limit = sync::kDefaultPageLimit;
    if (request.hasQueryParameter("limit")) {
        const std::string text = request.queryParameter("limit");
        int limit = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), limit);
        if (error != std::errc() || end != text.data() + text.size() || limit < 1 || limit > kMaxSyncLimit) {
            return exchange->reply(errorResponse(400, "BAD_REQUEST", {"Запрос составлен неверно.", "The request is malformed."},
                                                 "limit: expected an integer from 1 to " + std::to_string(kMaxSyncLimit)));
        }
        query.limit = limit;
    }
    // Any other cursor, however odd, is one to start over from (a reset), as the protocol says
    // of cursors the server does not know.
    if (request.hasQueryParameter("since")) query.since = request.queryParameter("since");
    context.sync.answer(account, query, exchange);
}

}  // namespace parta::server
