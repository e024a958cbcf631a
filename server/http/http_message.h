#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace parta::server {

// The server's own view of an HTTP exchange: the only HTTP types the layers above http/ see,
// so Boost.Beast stays inside http_server.cpp (it compiles slowly, twice under ASan).
struct Request {
    std::string method;  // "GET", "POST", …
    std::string path;    // without the query
    std::string query;   // after '?', undecoded
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;
    // The peer's IP address as the socket sees it (a proxy's, behind one).
    std::string remoteAddress;

    // The first header of that name (lower case), or empty.
    std::string_view header(std::string_view lowerCaseName) const;
    // The query parameter's raw (undecoded) value, empty when absent; hasQueryParameter tells
    // an absent parameter from an empty one.
    bool hasQueryParameter(std::string_view name) const;
    std::string queryParameter(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string contentType = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
};

// One request waiting for its answer. An endpoint answers at once or later from any thread
// (a long-poll answers when an event arrives); only the first reply counts.
class Exchange {
public:
    virtual ~Exchange() = default;
    virtual void reply(Response response) = 0;
    // Runs `onDeadline` on a server thread after `wait`, unless the reply has been written by
    // then. Call from the endpoint, before it returns without replying.
    virtual void setDeadline(std::chrono::milliseconds wait, std::function<void()> onDeadline) = 0;
};

using RequestHandler = std::function<void(Request&& request, std::shared_ptr<Exchange> exchange)>;

}  // namespace parta::server
