#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <string>
#include <vector>

#include "contender.h"

namespace parta::bench {

// ejabberd as an XMPP client uses it: one c2s stream per client (no TLS on loopback), SASL
// PLAIN, resource binding, then the client's rooms joined without history; a sender writes
// groupchat messages on the same stream and the room echoes them back, as it does to every
// occupant. Answers are scanned for what the bench needs, never parsed as XML.
class XmppContender final : public Contender {
public:
    XmppContender(ContenderSetup setup, std::string domain, std::string mucService);

    void connect(std::function<void()> ready) override;
    void send(int client, int slot, const std::string& text) override;
    bool hasLongPolls() const override { return false; }
    bool answersSends() const override { return false; }

private:
    enum class Stage { Features, Authenticating, SecondFeatures, Binding, Joining, Joined };
    struct Client {
        explicit Client(boost::asio::io_context& io) : socket(io) {}
        boost::asio::ip::tcp::socket socket;
        Stage stage = Stage::Features;
        std::string input;
        std::string pendingOutput;  // written after the write in flight
        std::string outputInFlight;
        int roomsJoined = 0;
    };

    void start(int index);
    void read(int index);
    void advance(int index);
    void scanJoined(int index);
    void write(int index, std::string stanza);
    void flush(int index);
    std::string streamHeader() const;
    std::string roomJid(int chat) const;
    void abort(const std::string& why);

    ContenderSetup setup_;
    std::string domain_;
    std::string mucService_;
    std::vector<std::unique_ptr<Client>> clients_;
    std::function<void()> ready_;
    int nextToStart_ = 0;
    int joined_ = 0;
};

}  // namespace parta::bench
