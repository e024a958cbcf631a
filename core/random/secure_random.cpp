#include "random/secure_random.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace parta {

void fillSecureRandom(std::uint8_t* out, std::size_t size) {
    // getentropy serves at most 256 bytes per call.
    constexpr std::size_t kMaxChunk = 256;
    for (std::size_t done = 0; done < size;) {
        const std::size_t chunk = std::min(kMaxChunk, size - done);
        if (getentropy(out + done, chunk) != 0) std::abort();
        done += chunk;
    }
}

}  // namespace parta
