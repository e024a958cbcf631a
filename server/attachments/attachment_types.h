#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parta::server {

// The MIME type of an upload as its bytes show it (libmagic), when that type is one the server
// accepts; nullopt for any other content, whatever the file was named. The name a client
// gives is never consulted: an executable called photo.jpg is still an executable.
// Throws std::runtime_error when libmagic's database cannot be loaded.
std::optional<std::string> acceptedTypeOf(std::string_view content);

}  // namespace parta::server
