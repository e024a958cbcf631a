// Any byte string must parse without crashing, and whatever is accepted must be a canonical
// code that parses back to itself in every written form.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "invite/invite_link.h"

namespace {

const std::vector<std::string> kAllowedHosts = {"school.parta.example", "localhost:8080", "127.0.0.1"};

void require(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    using namespace parta::invite;

    const InviteParseResult result = parseInviteLink(input, kAllowedHosts);
    if (result.ok()) {
        require(result.code.size() == kCodeLength);
        require(parseInviteCode(result.code).code == result.code);
        require(parseInviteCode(result.display).code == result.code);
        require(formatInviteCode(result.code) == result.display);
    } else {
        require(!errorCode(*result.error).empty());
        require(result.code.empty() && result.display.empty());
    }

    for (const FoundInviteLink& found : extractInviteLinks(input, kAllowedHosts)) {
        require(input.find(found.link) != std::string_view::npos);
        require(parseInviteLink(found.link, kAllowedHosts).code == found.code);
    }
    return 0;
}
