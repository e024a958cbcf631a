#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace parta {

using UuidBytes = std::array<std::uint8_t, 16>;

// RFC 9562 version 4 (random) in lower-case hex: the pure half, so tests can pick the bits.
std::string uuidV4FromBytes(UuidBytes bytes);

// A fresh UUID from the operating system's CSPRNG. Used as a message's idempotency key, so it
// must not repeat across devices or restarts; 122 random bits make that a non-event.
std::string generateUuidV4();

}  // namespace parta
