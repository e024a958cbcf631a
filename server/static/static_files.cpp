#include "static/static_files.h"

#include <algorithm>
#include <array>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "http/accept_encoding.h"
#include "http/error_response.h"
#include "static/static_path.h"

namespace parta::server {

namespace {

// No inline script or style anywhere (web/index.html loads app.js and style.css); the module
// compiles its wasm ('wasm-unsafe-eval'; the build needs no JS eval, DYNAMIC_EXECUTION=0), the
// worker and its imports come from this origin, and the API and the .wasm are fetched from it.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; "
    "style-src 'self'; img-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";
constexpr const char* kImmutable = "public, max-age=31536000, immutable";

struct ContentType {
    std::string_view extension;
    std::string_view type;
};

constexpr std::array<ContentType, 13> kContentTypes = {{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".wasm", "application/wasm"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
}};

std::string_view contentTypeOf(const std::filesystem::path& path) {
    const std::string extension = path.extension().string();
    for (const ContentType& known : kContentTypes) {
        if (known.extension == extension) return known.type;
    }
    return "application/octet-stream";
}

// `name.<hash>.ext`, the hash 8 to 64 lower-case hex digits: a build that renames a file
// whenever its bytes change, so the old name may be cached for ever.
bool hasContentHash(const std::filesystem::path& path) {
    const std::string name = path.filename().string();
    const std::size_t last = name.rfind('.');
    if (last == std::string::npos || last == 0) return false;
    const std::size_t before = name.rfind('.', last - 1);
    if (before == std::string::npos || before == 0) return false;
    const std::string_view hash = std::string_view(name).substr(before + 1, last - before - 1);
    return hash.size() >= 8 && hash.size() <= 64 &&
           std::all_of(hash.begin(), hash.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void addSecurityHeaders(Response& response, std::string_view referrerPolicy) {
    response.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Referrer-Policy", std::string(referrerPolicy));
}

Response notFound() {
    Response response = errorResponse(404, "NOT_FOUND", {"Такого адреса нет.", "There is no such address."});
    addSecurityHeaders(response, "same-origin");
    response.headers.emplace_back("Cache-Control", "no-cache");
    return response;
}

std::optional<std::string> readWhole(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return bytes;
}

bool isRegularFile(const std::filesystem::path& path) {
    std::error_code error;
    return std::filesystem::is_regular_file(path, error);
}

// Inside `root` once every link is followed: a link in the served folder cannot serve /etc.
bool staysInside(const std::filesystem::path& path, const std::filesystem::path& root) {
    std::error_code error;
    const std::filesystem::path resolved = std::filesystem::canonical(path, error);
    if (error) return false;
    return std::mismatch(root.begin(), root.end(), resolved.begin(), resolved.end()).first == root.end();
}

// A validator of the bytes a file answer sends: the size and modification time of the file they
// are read from, and the coding, so that each precompressed variant has a tag of its own. The
// service worker installs a version by asking for each shell file with `cache: "no-cache"`
// (web/sw.js): what the page has just loaded comes back as a 304 instead of a second download.
std::optional<std::string> entityTagOf(const std::filesystem::path& file, std::string_view coding) {
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    if (error) return std::nullopt;
    const auto modified = std::filesystem::last_write_time(file, error);
    if (error) return std::nullopt;
    const auto ticks = static_cast<unsigned long long>(modified.time_since_epoch().count());
    std::ostringstream tag;
    tag << '"' << std::hex << size << '-' << ticks;
    if (!coding.empty()) tag << '-' << coding;
    tag << '"';
    return tag.str();
}

// If-None-Match (RFC 9110 §13.1.2): "*" or a list of tags, compared weakly.
bool noneMatchHolds(std::string_view ifNoneMatch, std::string_view tag) {
    while (!ifNoneMatch.empty()) {
        const std::size_t comma = ifNoneMatch.find(',');
        std::string_view candidate = ifNoneMatch.substr(0, comma);
        ifNoneMatch = comma == std::string_view::npos ? std::string_view() : ifNoneMatch.substr(comma + 1);
        while (!candidate.empty() && candidate.front() == ' ') candidate.remove_prefix(1);
        while (!candidate.empty() && candidate.back() == ' ') candidate.remove_suffix(1);
        if (candidate.rfind("W/", 0) == 0) candidate.remove_prefix(2);
        if (candidate == "*" || candidate == tag) return true;
    }
    return false;
}

// The file or its precompressed variant, with the headers every file answer has; a 304 with
// no body when the browser already holds those bytes.
Response fileAnswer(const std::filesystem::path& path, const std::filesystem::path& root, const Request& request) {
    const std::string_view acceptEncoding = request.header("accept-encoding");
    std::filesystem::path chosen = path;
    std::string_view contentEncoding;
    for (const auto& [coding, suffix] : {std::pair<std::string_view, const char*>{"br", ".br"}, {"gzip", ".gz"}}) {
        std::filesystem::path variant = path;
        variant += suffix;
        if (acceptsEncoding(acceptEncoding, coding) && isRegularFile(variant) && staysInside(variant, root)) {
            chosen = std::move(variant);
            contentEncoding = coding;
            break;
        }
    }
    const std::optional<std::string> tag = entityTagOf(chosen, contentEncoding);
    Response response;
    if (tag && noneMatchHolds(request.header("if-none-match"), *tag)) {
        response.status = 304;
        response.contentType.clear();
    } else {
        std::optional<std::string> bytes = readWhole(chosen);
        if (!bytes) return notFound();
        response.contentType = std::string(contentTypeOf(path));
        response.body = std::move(*bytes);
        if (!contentEncoding.empty()) response.headers.emplace_back("Content-Encoding", std::string(contentEncoding));
    }
    if (tag) response.headers.emplace_back("ETag", *tag);
    response.headers.emplace_back("Vary", "Accept-Encoding");
    return response;
}

bool isJoinPage(std::string_view path) { return path == "/join" || path.rfind("/join/", 0) == 0; }

}  // namespace

StaticFiles::StaticFiles(std::vector<StaticMount> mounts) {
    for (StaticMount& mount : mounts) {
        if (mount.urlPrefix.empty() || mount.urlPrefix.front() != '/' || mount.urlPrefix.back() != '/') {
            throw std::invalid_argument("a static mount's URL prefix starts and ends with '/': " + mount.urlPrefix);
        }
        std::error_code error;
        const std::filesystem::path directory = std::filesystem::canonical(mount.directory, error);
        if (error || !std::filesystem::is_directory(directory)) {
            throw std::invalid_argument("no folder to serve at " + mount.directory.string());
        }
        const bool taken = std::any_of(mounts_.begin(), mounts_.end(),
                                       [&](const StaticMount& other) { return other.urlPrefix == mount.urlPrefix; });
        if (taken) throw std::invalid_argument("two folders to serve at " + mount.urlPrefix);
        mounts_.push_back({mount.urlPrefix, directory});
    }
    std::stable_sort(mounts_.begin(), mounts_.end(),
                     [](const StaticMount& a, const StaticMount& b) { return a.urlPrefix.size() > b.urlPrefix.size(); });
}

const StaticMount* StaticFiles::mountOf(const std::string& decodedPath) const {
    for (const StaticMount& mount : mounts_) {
        if (decodedPath.rfind(mount.urlPrefix, 0) == 0) return &mount;
    }
    return nullptr;
}

Response StaticFiles::answer(const Request& request) const {
    if (request.method != "GET" && request.method != "HEAD") {
        Response response = errorResponse(405, "METHOD_NOT_ALLOWED",
                                          {"Этот адрес так не вызывают.", "This address does not take this method."});
        addSecurityHeaders(response, "same-origin");
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    // The code after /join/ is never looked at: the app reads it from the address itself.
    const bool joinPage = isJoinPage(request.path);
    const std::optional<std::string> decoded = joinPage ? std::optional<std::string>("/") : decodedStaticPath(request.path);
    if (!decoded) return notFound();
    const StaticMount* mount = mountOf(*decoded);
    if (!mount) return notFound();
    std::string relative = decoded->substr(mount->urlPrefix.size());
    if (*decoded == "/") relative = "index.html";
    // No folder listings.
    if (relative.empty() || relative.back() == '/') return notFound();
    const std::filesystem::path path = mount->directory / relative;
    if (!isRegularFile(path) || !staysInside(path, mount->directory)) return notFound();

    Response response = fileAnswer(path, mount->directory, request);
    if (response.status != 200 && response.status != 304) return response;
    if (joinPage) {
        response.headers.emplace_back("X-Robots-Tag", "noindex");
        addSecurityHeaders(response, "no-referrer");
    } else {
        addSecurityHeaders(response, "same-origin");
    }
    const bool immutable = !joinPage && *decoded != "/" && hasContentHash(path);
    response.headers.emplace_back("Cache-Control", immutable ? kImmutable : "no-cache");
    return response;
}

}  // namespace parta::server
