#pragma once

#include <chrono>
#include <cstddef>
#include <string_view>

namespace parta::server {

// Every limit is a flag of server/main.cpp with these safe defaults (issue 13, bad input).
struct HttpLimits {
    // The API's JSON bodies are small: a 4096-character message is at most 16 KiB of UTF-8.
    // Attachment uploads have their own limit, on their own route (below).
    std::size_t maxBodyBytes = 64 * 1024;
    // POST kUploadPath: a file of up to 10 MiB (issue 13), refused with 413 from its
    // Content-Length, or as it crosses the limit when chunked.
    std::size_t maxUploadBytes = 10 * 1024 * 1024;
    // …and the time to send it, from its first byte to its last: 10 MiB over a 1 Mbit/s
    // mobile link takes about 90 s.
    std::chrono::milliseconds uploadTimeout{180000};
    // Request line and headers together; beyond it the answer is 431.
    std::size_t maxHeaderBytes = 16 * 1024;
    // From the first byte of a request to its last, and for writing an answer: a client that
    // trickles its request (slowloris) loses the connection when it runs out.
    std::chrono::milliseconds requestTimeout{10000};
    // Threads running the one io_context. Waiting long-polls hold no thread, so two serve
    // a thousand of them on the two cores the benchmark has.
    int threads = 2;
    // Open connections from one address. Generous, because a school's Wi-Fi and a mobile
    // carrier's CGNAT put hundreds of phones, each holding a long-poll, behind one address;
    // still far below what a slowloris needs to starve the server.
    std::size_t maxConnectionsPerAddress = 512;
    // Behind a reverse proxy every connection comes from the proxy on loopback; those are not
    // capped here, and the proxy caps its clients (docs/deploy.md).
    bool proxyOnLoopback = false;
};

// The one route whose body is a file rather than JSON (docs/protocol.md, "Attachments"); the
// HTTP layer gives it maxUploadBytes and uploadTimeout, before any of its body is read.
inline constexpr std::string_view kUploadPath = "/api/v1/attachments";

}  // namespace parta::server
