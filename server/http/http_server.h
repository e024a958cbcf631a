#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "http/http_limits.h"
#include "http/http_message.h"

namespace parta::server {

// HTTP/1.1 on Boost.Beast over one Asio io_context run by a fixed pool of threads. Everything
// is asynchronous: a connection holds a thread only while its bytes are parsed or its handler
// runs, so a waiting long-poll costs a socket and a timer, not a thread (issue 13: a thousand
// idle polls on two cores). Beast is confined to http_server.cpp.
//
// Before a handler sees a request the layer itself refuses, with the protocol's error body:
// a Content-Length above the body limit (413, decided from the header, before any of the body
// is read), a body that crosses the limit while read (413), headers above their limit (431),
// and a request Beast cannot parse (400). A request not complete within the request timeout
// loses its connection.
class HttpServer {
public:
    HttpServer(HttpLimits limits, RequestHandler handler);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and starts accepting on limits.threads threads; port 0 asks the system for a free
    // one. Answers the bound port. Throws std::system_error when the address cannot be bound.
    std::uint16_t start(const std::string& address, std::uint16_t port);
    // Stops accepting and serving and joins the threads; connections are dropped.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace parta::server
