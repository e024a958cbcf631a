#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "invite/invite_error.h"

namespace parta::invite {

// Code v1 (docs/invite-links.md): 26 Crockford base32 symbols carrying 130 random bits,
// then one mod-37 check symbol. The code names no school, class or person: it is only a
// lookup key on the server, so a leaked paper slip reveals nothing.
inline constexpr std::string_view kPayloadAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::string_view kCheckAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";
inline constexpr std::size_t kPayloadLength = 26;
inline constexpr std::size_t kCodeLength = kPayloadLength + 1;
inline constexpr std::size_t kRandomBits = kPayloadLength * 5;
inline constexpr std::size_t kRandomBytes = (kRandomBits + 7) / 8;

using RandomBytes = std::array<std::uint8_t, kRandomBytes>;

// Either a valid code (canonical and display forms) or the reason there is none.
struct InviteParseResult {
    std::optional<InviteError> error;
    std::string code;
    std::string display;

    bool ok() const { return !error.has_value(); }

    static InviteParseResult success(std::string canonical);
    static InviteParseResult failure(InviteError reason) { return {reason, {}, {}}; }
};

// A bare code as a person types it: surrounding whitespace trimmed, separators dropped,
// case and look-alike symbols folded (see docs/invite-links.md, "Parsing a bare code").
InviteParseResult parseInviteCode(std::string_view input);

// Display form of any parseable code ("ABCD-EFGH-…-XYZ"), or empty when it is not a code.
std::string formatInviteCode(std::string_view input);

// The check symbol for 26 payload symbols: the payload read as a base-32 number, mod 37.
char checkSymbolFor(std::string_view payload);

// Pure half of generation, so tests can drive it with chosen bits. Uses the first 130 bits.
std::string inviteCodeFromRandomBytes(const RandomBytes& bytes);

// A fresh code from the operating system's CSPRNG (crypto.getRandomValues in browsers).
std::string generateInviteCode();

}  // namespace parta::invite
