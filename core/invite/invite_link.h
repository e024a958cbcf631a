#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "invite/invite_code.h"

namespace parta::invite {

// Longer input is refused before any parsing work (docs/invite-links.md).
inline constexpr std::size_t kMaxInviteInputLength = 2048;

// Accepts a bare code or one of the three link forms:
//   https://HOST/join/CODE[/]     https://HOST/?invite=CODE     parta://join/CODE
// HOST must equal an allow-list entry ("host" or "host:port") ignoring case; plain http is
// accepted only for localhost and 127.0.0.1, where development servers run.
InviteParseResult parseInviteLink(std::string_view input,
                                  const std::vector<std::string>& allowedHosts);

struct FoundInviteLink {
    std::string link;  // the exact text of the link inside the message
    std::string code;
    std::string display;
};

// Valid invite links inside a chat message, in order of appearance, one per code, so the UI
// can render them as join cards. Links to other hosts are not invites and are skipped.
std::vector<FoundInviteLink> extractInviteLinks(std::string_view text,
                                                const std::vector<std::string>& allowedHosts);

}  // namespace parta::invite
