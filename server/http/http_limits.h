#pragma once

#include <chrono>
#include <cstddef>

namespace parta::server {

// Every limit is a flag of server/main.cpp with these safe defaults (issue 13, bad input).
struct HttpLimits {
    // The API's JSON bodies are small: a 4096-character message is at most 16 KiB of UTF-8.
    // Attachment uploads (10 MB) will get their own limit on their own route.
    std::size_t maxBodyBytes = 64 * 1024;
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

}  // namespace parta::server
