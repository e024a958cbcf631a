#pragma once

#include <deque>
#include <memory>
#include <random>
#include <vector>

#include "contender.h"
#include "http_connection.h"

namespace parta::bench {

// Our reference server as its clients use it (docs/protocol.md): sign-in, a first sync, then a
// long-poll held at all times; a sender posts on a keep-alive connection of its own, one
// request in flight, the rest queued in order like the client's outbox.
class PartaContender final : public Contender {
public:
    explicit PartaContender(ContenderSetup setup);

    void connect(std::function<void()> ready) override;
    void send(int client, int slot, const std::string& text) override;
    bool hasLongPolls() const override { return true; }
    bool answersSends() const override { return true; }

private:
    struct Client {
        Client(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server) : poll(io, server), sending(io, server) {}
        HttpConnection poll;
        HttpConnection sending;
        std::string cookie;
        std::string cursor;
        std::vector<std::int64_t> chatIds;  // ascending: the seeding made them in slot order
        std::deque<std::string> outbox;     // request bodies not yet answered
        bool sendInFlight = false;
    };

    void signIn(int index);
    void firstSync(int index);
    void parked(int index);
    void longPoll(int index);
    void postNext(int index);
    void abort(const std::string& why);

    ContenderSetup setup_;
    std::vector<std::unique_ptr<Client>> clients_;
    std::function<void()> ready_;
    int nextToSignIn_ = 0;
    int parked_ = 0;
    std::mt19937_64 uuidBits_{2026};
};

}  // namespace parta::bench
