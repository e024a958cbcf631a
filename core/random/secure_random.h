#pragma once

#include <cstddef>
#include <cstdint>

namespace parta {

// Fills `out` from the operating system's CSPRNG: getrandom(2) natively, and in browsers
// Emscripten's getentropy, which calls crypto.getRandomValues. Invite codes are bearer
// secrets, so there is no fallback to a weaker generator: failure aborts.
void fillSecureRandom(std::uint8_t* out, std::size_t size);

}  // namespace parta
