#include "auth/session_token.h"

#include <sodium.h>

#include <algorithm>

#include "auth/sha256_hex.h"
#include "auth/sodium_init.h"

namespace parta::server {

namespace {

constexpr std::size_t kTokenBytes = 32;
// base64url without padding of 32 bytes.
constexpr std::size_t kTokenCharacters = 43;

bool isBase64Url(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

SessionToken newSessionToken() {
    requireSodium();
    unsigned char bytes[kTokenBytes];
    randombytes_buf(bytes, sizeof bytes);
    char encoded[sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(encoded, sizeof encoded, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(bytes, sizeof bytes);
    SessionToken token;
    token.cookieValue = encoded;
    token.hash = sha256Hex(token.cookieValue);
    return token;
}

std::optional<std::string> sessionTokenHash(std::string_view cookieValue) {
    if (cookieValue.size() != kTokenCharacters || !std::all_of(cookieValue.begin(), cookieValue.end(), isBase64Url)) {
        return std::nullopt;
    }
    requireSodium();
    return sha256Hex(cookieValue);
}

}  // namespace parta::server
