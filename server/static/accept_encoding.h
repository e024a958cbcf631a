#pragma once

#include <string_view>

namespace parta::server {

// Whether an Accept-Encoding header (RFC 9110 §12.5.3) allows `coding` ("br", "gzip"): named
// with a q above 0, or covered by `*` when not named. Codings compare without case; a missing
// or empty header allows none, so such a client gets the file as it is.
bool acceptsEncoding(std::string_view header, std::string_view coding);

}  // namespace parta::server
