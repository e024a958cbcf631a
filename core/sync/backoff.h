#pragma once

#include <cstdint>

namespace parta::sync {

// When to retry after the n-th consecutive failure: 1 s, 2 s, 4 s, … capped at 5 minutes,
// each drawn from [d/2, d] ("equal jitter") so that the devices of a whole class, cut off by
// the same outage, do not all come back in the same second.
struct Backoff {
    std::int64_t baseMs = 1000;
    std::int64_t capMs = 5 * 60 * 1000;

    // `failures` counts from 1; `random` is any 32-bit value from the injected source.
    std::int64_t delayMs(int failures, std::uint32_t random) const;
};

}  // namespace parta::sync
