#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parta::server {

// A session token is 256 bits from libsodium's CSPRNG (issue 13 asks for at least 128), sent
// to the browser as 43 base64url characters. The server keeps only its SHA-256, in hex, so a
// copy of the database signs nobody in.
struct SessionToken {
    std::string cookieValue;  // what the browser holds
    std::string hash;         // what the database holds
};

SessionToken newSessionToken();

// The stored hash of a cookie value, or nullopt when the value cannot be a token at all
// (wrong length or alphabet), which the server answers with 401 before any lookup.
std::optional<std::string> sessionTokenHash(std::string_view cookieValue);

}  // namespace parta::server
