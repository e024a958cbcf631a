#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "abuse/throttles.h"
#include "attachments/attachment_files.h"
#include "auth/password_hasher.h"
#include "auth/session_cookie.h"
#include "store/server_store.h"
#include "sync/sync_feed.h"

namespace parta::server {

// What every endpoint works with.
struct ApiContext {
    ServerStore& store;
    AttachmentFiles& attachments;
    SyncFeed& sync;
    const PasswordHasher& passwords;
    CookieSecurity cookies;
    Throttles& throttles;
    // Behind a TLS proxy on loopback: the client's address is in X-Real-IP (abuse/throttles.h).
    bool proxyOnLoopback;
    std::chrono::seconds sessionLifetime;
    // Milliseconds since the Unix epoch; the tests may hold time still.
    std::function<std::int64_t()> nowMs;
};

}  // namespace parta::server
