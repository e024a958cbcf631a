#pragma once

#include <cstdint>
#include <optional>

#include "http/http_message.h"
#include "store/server_store.h"

namespace parta::server {

// Who sent the request, from its session cookie: the account, or the 401 to answer.
struct Authentication {
    std::optional<Account> account;
    std::string tokenHash;  // of the session found, for sign-out
    Response refusal;       // when there is no account
};

Authentication authenticate(const Request& request, ServerStore& store, std::int64_t nowMs);

}  // namespace parta::server
