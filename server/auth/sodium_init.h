#pragma once

namespace parta::server {

// sodium_init() before the first libsodium call; safe to call from every thread and often.
// A server that cannot seed its CSPRNG must not hand out session tokens: failure aborts.
void requireSodium();

}  // namespace parta::server
