#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parta::server {

// The file path a URL path may name under a served folder, or nullopt for any path that could
// reach outside it or at something not meant to be served. Refused, whatever the depth and
// the case of the escapes: a `..` written plainly or percent-encoded (`%2e%2e`, `%2E%2e`), an
// encoded `/`, `\` or NUL (`%2f`, `%5c`, `%00`), a `\` or an empty segment, a malformed
// escape, and any segment starting with `.` (`.git`, `.env`). What is left is decoded.
//
// `urlPath` is the request's path without its query, starting with '/'.
std::optional<std::string> decodedStaticPath(std::string_view urlPath);

}  // namespace parta::server
