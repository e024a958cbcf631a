#pragma once

#include <string>
#include <string_view>

namespace parta::server {

// Argon2id through libsodium's crypto_pwhash_str: the output carries its own salt and cost,
// so a stored hash verifies whatever cost new hashes are made with later.
enum class PasswordCost {
    // libsodium's INTERACTIVE limits (64 MiB, 2 passes): the server's default for accounts.
    Interactive,
    // The smallest cost libsodium accepts: for test fixtures, which make dozens of accounts.
    // Never for a real account.
    TestOnlyMinimal,
};

class PasswordHasher {
public:
    explicit PasswordHasher(PasswordCost cost = PasswordCost::Interactive);

    // Empty when libsodium could not allocate the memory the cost asks for.
    std::string hash(std::string_view password) const;
    bool verify(const std::string& storedHash, std::string_view password) const;

    // Spends what a verification costs without any account, so a sign-in with an unknown login
    // takes as long as one with a wrong password and logins cannot be probed by timing.
    void verifyNothing(std::string_view password) const;

private:
    unsigned long long opsLimit_;
    std::size_t memLimit_;
    std::string decoyHash_;
};

}  // namespace parta::server
