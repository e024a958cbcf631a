#pragma once

#include <string>
#include <string_view>

namespace parta::server {

// `attachment; filename="…"; filename*=UTF-8''…` for a file named `name` (UTF-8), as RFC 6266
// spells it: the browser saves the file rather than showing it, under its name in any script
// (filename*, percent-encoded per RFC 8187), and an old client that reads only `filename`
// gets an ASCII stand-in. Neither part can carry a quote, a line break or a path separator out
// of the header, whatever the name holds.
std::string attachmentDisposition(std::string_view name);

}  // namespace parta::server
