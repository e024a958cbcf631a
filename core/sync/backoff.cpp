#include "sync/backoff.h"

#include <algorithm>

namespace parta::sync {

std::int64_t Backoff::delayMs(int failures, std::uint32_t random) const {
    // Past 2^30 the doubling would overflow; the cap is reached long before.
    const int doublings = std::clamp(failures - 1, 0, 30);
    const std::int64_t ceiling = std::min(capMs, baseMs << doublings);
    const std::int64_t half = ceiling / 2;
    return ceiling - half + static_cast<std::int64_t>(random % static_cast<std::uint64_t>(half + 1));
}

}  // namespace parta::sync
