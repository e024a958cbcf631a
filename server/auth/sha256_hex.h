#pragma once

#include <string>
#include <string_view>

namespace parta::server {

// SHA-256 in lower-case hex (libsodium's crypto_hash_sha256): what the database keeps of a
// session token or an invite code instead of the secret itself.
std::string sha256Hex(std::string_view text);

}  // namespace parta::server
