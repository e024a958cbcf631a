#include "auth/sodium_init.h"

#include <sodium.h>

#include <cstdlib>

namespace parta::server {

void requireSodium() {
    // sodium_init answers 0 the first time and 1 once initialised; -1 is a failure.
    if (sodium_init() < 0) std::abort();
}

}  // namespace parta::server
