#include "auth/sha256_hex.h"

#include <sodium.h>

#include "auth/sodium_init.h"

namespace parta::server {

std::string sha256Hex(std::string_view text) {
    requireSodium();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

}  // namespace parta::server
