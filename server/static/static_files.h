#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "http/http_message.h"

namespace parta::server {

// A folder served under a URL prefix: the web client at "/", the wasm build at "/wasm/".
struct StaticMount {
    std::string urlPrefix;  // starts and ends with '/'
    std::filesystem::path directory;
};

// The web client's files, served by the reference server itself (docs/server.md, "Static
// files"). Every answer carries the same security headers: a Content-Security-Policy with no
// inline script (the module may compile wasm, workers come from this origin, no page may frame
// the app), X-Content-Type-Options: nosniff and a Referrer-Policy.
//
// * `/` and `/join/<anything>` are the app's index.html; a /join/ page is the same bytes and
//   headers for every code, known or not, with X-Robots-Tag: noindex and Referrer-Policy:
//   no-referrer, so a code can neither be probed through the page nor leak to another site.
// * A path that could leave its folder or names a hidden file is 404 (static_path.h), as is a
//   file that resolves outside it through a link; only GET and HEAD are answered (405).
// * A name with a content hash, `name.<8 to 64 lower-case hex digits>.ext` (app.3f9a1c2e.js),
//   is cached for a year as immutable; everything else is `no-cache`.
// * When `file.br` or `file.gz` lies beside the file and Accept-Encoding allows it, that is sent
//   with Content-Encoding (brotli first); every file answer says Vary: Accept-Encoding.
class StaticFiles {
public:
    // Throws std::invalid_argument for a folder that does not exist, a malformed prefix or one
    // given twice, so a wrong flag stops the server at start.
    explicit StaticFiles(std::vector<StaticMount> mounts);

    Response answer(const Request& request) const;

private:
    const StaticMount* mountOf(const std::string& decodedPath) const;

    std::vector<StaticMount> mounts_;  // longest prefix first; folders canonical
};

}  // namespace parta::server
