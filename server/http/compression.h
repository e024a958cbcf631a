#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "http/http_message.h"

namespace parta::server {

// Whether an Accept-Encoding header admits gzip: named, or `*`, with a non-zero q.
bool acceptsGzip(std::string_view acceptEncoding);

// Bodies under this size are sent as they are: gzip's header and trailer alone are 18 bytes,
// and a small answer fits in the first TCP packets either way.
inline constexpr std::size_t kSmallestCompressedBody = 1024;

// The body gzipped (zlib, RFC 1952); throws std::runtime_error when zlib fails, which only
// running out of memory makes it do.
std::string gzip(std::string_view body);

// Wraps an exchange so that its answer goes out gzipped when the request accepts that and the
// body is worth it (students sync Russian text over slow mobile links; a page shrinks several
// times). Answers that already carry a Content-Encoding — precompressed files — pass as they are.
std::shared_ptr<Exchange> compressingExchange(const Request& request, std::shared_ptr<Exchange> exchange);

}  // namespace parta::server
