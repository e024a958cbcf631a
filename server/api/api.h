#pragma once

#include <memory>

#include "api/api_context.h"
#include "http/http_message.h"

namespace parta::server {

// The router: which endpoint a request goes to, and what every endpoint shares. State-changing
// methods carry the CSRF header, the endpoints that need an account get it from the session
// cookie, and a storage failure becomes a 500 with nothing written.
class Api {
public:
    explicit Api(ApiContext context) : context_(std::move(context)) {}

    void handle(Request&& request, const std::shared_ptr<Exchange>& exchange);

private:
    void route(const Request& request, const std::shared_ptr<Exchange>& exchange);

    ApiContext context_;
};

// State-changing requests must carry "X-Parta-Request: 1". A page of another site can make the
// browser send a form or a simple fetch with the cookie, but not with a custom header unless
// this server allowed it by CORS, which it never does; SameSite=Strict is the first line.
inline constexpr std::string_view kCsrfHeader = "x-parta-request";

}  // namespace parta::server
