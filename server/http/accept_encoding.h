#pragma once

#include <string_view>

namespace parta::server {

// Whether an Accept-Encoding header (RFC 9110 §12.5.3) allows `coding` ("br", "gzip"): named
// with a q above 0, or covered by `*` when not named, the named element deciding over the
// wildcard. Codings compare without case, and "x-gzip" names gzip (§8.4.1.3). A missing or
// empty header allows none, so such a client gets the bytes as they are; a q that cannot be
// read is no consent.
bool acceptsEncoding(std::string_view header, std::string_view coding);

}  // namespace parta::server
