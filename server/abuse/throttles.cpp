#include "abuse/throttles.h"

namespace parta::server {

namespace {

bool isLoopback(std::string_view address) {
    return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

}  // namespace

std::string clientAddress(const Request& request, bool proxyOnLoopback) {
    if (proxyOnLoopback && isLoopback(request.remoteAddress)) {
        const std::string_view forwarded = request.header("x-real-ip");
        if (!forwarded.empty()) return std::string(forwarded);
    }
    return request.remoteAddress;
}

}  // namespace parta::server
