#include "auth/password_hasher.h"

#include <sodium.h>


#include "auth/sodium_init.h"

namespace parta::server {

PasswordHasher::PasswordHasher(PasswordCost cost)
    : opsLimit_(cost == PasswordCost::Interactive ? crypto_pwhash_OPSLIMIT_INTERACTIVE : crypto_pwhash_OPSLIMIT_MIN),
      memLimit_(cost == PasswordCost::Interactive ? crypto_pwhash_MEMLIMIT_INTERACTIVE : crypto_pwhash_MEMLIMIT_MIN) {
    requireSodium();
    unsigned char decoyPassword[32];
    randombytes_buf(decoyPassword, sizeof decoyPassword);
    decoyHash_ = hash(std::string_view(reinterpret_cast<const char*>(decoyPassword), sizeof decoyPassword));
}

std::string PasswordHasher::hash(std::string_view password) const {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), opsLimit_, memLimit_,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return {};
    }
    return out;
}

bool PasswordHasher::verify(const std::string& storedHash, std::string_view password) const {
    return crypto_pwhash_str_verify(storedHash.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::verifyNothing(std::string_view password) const { verify(decoyHash_, password); }

}  // namespace parta::server
