#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <charconv>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "bench_school.h"
#include "load_recorder.h"

namespace parta::bench {

// Every message's text starts with its send time, "#<µs since the load client's origin>#", so a
// receiver learns the latency by scanning for the marker instead of keeping a table of sends.

// The send time after a marker that starts at `text[at]`, or -1 when the digits or the closing
// '#' are not (yet) there.
inline std::int64_t sendTimeAt(std::string_view text, std::size_t at) {
    std::int64_t micros = 0;
    const char* begin = text.data() + at + 1;
    const char* end = text.data() + text.size();
    const auto [next, problem] = std::from_chars(begin, end, micros);
    if (problem != std::errc() || next == end || *next != '#') return -1;
    return micros;
}

// A server under load: our reference server over HTTP, or ejabberd over XMPP. Runs on the load
// client's one io_context thread and reports into the LoadRecorder.
class Contender {
public:
    virtual ~Contender() = default;
    // Signs every client of the school in and puts it where news reaches it (a parked long-poll,
    // a joined room); then calls `ready`. A client that cannot get there ends the run.
    virtual void connect(std::function<void()> ready) = 0;
    // Sends `text` from `client` to its chat `slot` (BenchSchool::chatOf).
    virtual void send(int client, int slot, const std::string& text) = 0;
    // Whether news comes as long-poll answers, so events per answer is a figure of this run.
    virtual bool hasLongPolls() const = 0;
    // Whether the server answers each send (our POST does; an XMPP groupchat message has no
    // answer but its echo, which counts as a delivery).
    virtual bool answersSends() const = 0;
};

struct ContenderSetup {
    boost::asio::io_context& io;
    boost::asio::ip::tcp::endpoint server;
    BenchSchool school;
    LoadRecorder& recorder;
    // At most this many clients sign in at once, so setup does not flood either server.
    int setupConcurrency = 50;
};

}  // namespace parta::bench
