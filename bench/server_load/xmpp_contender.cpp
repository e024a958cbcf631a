#include "xmpp_contender.h"

#include <algorithm>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <iostream>

namespace parta::bench {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

constexpr std::string_view kBodyMarker = "<body>#";
constexpr std::string_view kMessageEnd = "</message>";
// Input kept while no stanza of interest is complete: room presence floods, bounded.
constexpr std::size_t kMaxHeldInput = 1 << 20;

std::string base64(std::string_view bytes) {
    static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t left = bytes.size() - i;
        std::uint32_t group = static_cast<std::uint8_t>(bytes[i]) << 16;
        if (left > 1) group |= static_cast<std::uint8_t>(bytes[i + 1]) << 8;
        if (left > 2) group |= static_cast<std::uint8_t>(bytes[i + 2]);
        out += kDigits[(group >> 18) & 63];
        out += kDigits[(group >> 12) & 63];
        out += left > 1 ? kDigits[(group >> 6) & 63] : '=';
        out += left > 2 ? kDigits[group & 63] : '=';
    }
    return out;
}

// Whether `input` holds `needle`; consumes the input up to its end if so.
bool take(std::string& input, std::string_view needle) {
    const std::size_t at = input.find(needle);
    if (at == std::string::npos) return false;
    input.erase(0, at + needle.size());
    return true;
}

}  // namespace

XmppContender::XmppContender(ContenderSetup setup, std::string domain, std::string mucService)
    : setup_(std::move(setup)), domain_(std::move(domain)), mucService_(std::move(mucService)) {
    clients_.reserve(static_cast<std::size_t>(setup_.school.clients));
    for (int i = 0; i < setup_.school.clients; ++i) clients_.push_back(std::make_unique<Client>(setup_.io));
}

std::string XmppContender::streamHeader() const {
    return "<?xml version='1.0'?><stream:stream to='" + domain_ +
           "' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
}

std::string XmppContender::roomJid(int chat) const { return BenchSchool::roomName(chat) + "@" + mucService_; }

void XmppContender::connect(std::function<void()> ready) {
    ready_ = std::move(ready);
    const int first = std::min(setup_.setupConcurrency, setup_.school.clients);
    for (nextToStart_ = 0; nextToStart_ < first; ++nextToStart_) start(nextToStart_);
}

void XmppContender::start(int index) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    client.socket.async_connect(setup_.server, [this, index](error_code error) {
        if (error) return abort(BenchSchool::login(index) + ": connect: " + error.message());
        clients_[static_cast<std::size_t>(index)]->socket.set_option(asio::ip::tcp::no_delay(true));
        write(index, streamHeader());
        read(index);
    });
}

void XmppContender::read(int index) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    const std::size_t held = client.input.size();
    client.input.resize(held + 65536);
    client.socket.async_read_some(asio::buffer(client.input.data() + held, 65536),
                                  [this, index, held](error_code error, std::size_t bytes) {
                                      Client& reader = *clients_[static_cast<std::size_t>(index)];
                                      reader.input.resize(held + bytes);
                                      if (error) return abort(BenchSchool::login(index) + ": stream ended: " + error.message());
                                      advance(index);
                                      read(index);
                                  });
}

// The login sequence, one stage per server answer it waits for (RFC 6120 §6–7, XEP-0045 §7.2).
void XmppContender::advance(int index) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    const std::string login = BenchSchool::login(index);
    switch (client.stage) {
        case Stage::Features:
            if (!take(client.input, "</stream:features>")) return;
            client.stage = Stage::Authenticating;
            write(index, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" +
                             base64(std::string(1, '\0') + login + '\0' + BenchSchool::kPassword) + "</auth>");
            return;
        case Stage::Authenticating:
            if (client.input.find("<failure") != std::string::npos) return abort(login + ": SASL PLAIN refused");
            if (!take(client.input, "<success")) return;
            client.stage = Stage::SecondFeatures;
            write(index, streamHeader());
            return advance(index);
        case Stage::SecondFeatures:
            if (!take(client.input, "</stream:features>")) return;
            client.stage = Stage::Binding;
            write(index, "<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>load</resource></bind></iq>");
            return;
        case Stage::Binding:
            if (client.input.find("type='error'") != std::string::npos) return abort(login + ": resource binding refused");
            if (!take(client.input, "</iq>")) return;
            client.stage = Stage::Joining;
            for (int slot = 0; slot < setup_.school.chatsPerClient; ++slot) {
                write(index, "<presence to='" + roomJid(setup_.school.chatOf(index, slot)) + "/" + login +
                                 "'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>");
            }
            return;
        case Stage::Joining:
        case Stage::Joined:
            return scanJoined(index);
    }
}

// A joined client's input: room presences while others join, then groupchat messages. Each
// complete message with the bench's marker is a delivery; a stanza of type error is an error.
void XmppContender::scanJoined(int index) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    std::string& input = client.input;
    if (client.stage == Stage::Joining) {
        // The self-presence of a join carries status 110 (XEP-0045 §7.2.2). Only up to the last
        // '>': a tag cut by the read is counted when it is whole.
        const std::size_t lastClose = input.rfind('>');
        if (lastClose == std::string::npos) return;
        const std::string_view whole(input.data(), lastClose + 1);
        for (std::size_t at = whole.find("code='110'"); at != std::string_view::npos; at = whole.find("code='110'", at + 1)) {
            ++client.roomsJoined;
        }
        if (whole.find("type='error'") != std::string_view::npos) return abort(BenchSchool::login(index) + ": a room refused the join");
        input.erase(0, lastClose + 1);
        if (client.roomsJoined < setup_.school.chatsPerClient) return;
        client.stage = Stage::Joined;
        if (nextToStart_ < setup_.school.clients) start(nextToStart_++);
        if (++joined_ == setup_.school.clients) ready_();
        return;
    }
    const std::size_t lastMessageEnd = input.rfind(kMessageEnd);
    if (lastMessageEnd == std::string::npos) {
        if (input.size() > kMaxHeldInput) input.erase(0, input.rfind('>') + 1);
        return;
    }
    const std::string_view complete(input.data(), lastMessageEnd);
    LoadRecorder& recorder = setup_.recorder;
    const std::int64_t now = recorder.nowMicros();
    for (std::size_t at = complete.find(kBodyMarker); at != std::string_view::npos; at = complete.find(kBodyMarker, at + 1)) {
        const std::int64_t sentAt = sendTimeAt(complete, at + kBodyMarker.size() - 1);
        if (sentAt >= 0) recorder.delivered(sentAt, now);
    }
    for (std::size_t at = complete.find("type='error'"); at != std::string_view::npos; at = complete.find("type='error'", at + 1)) {
        recorder.error("xmpp stanza of type error");
    }
    input.erase(0, lastMessageEnd + kMessageEnd.size());
}

void XmppContender::send(int index, int slot, const std::string& text) {
    write(index, "<message to='" + roomJid(setup_.school.chatOf(index, slot)) + "' type='groupchat'><body>" + text +
                     "</body></message>");
}

// One write in flight per stream; what comes meanwhile goes out together after it.
void XmppContender::write(int index, std::string stanza) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    client.pendingOutput += stanza;
    if (client.outputInFlight.empty()) flush(index);
}

void XmppContender::flush(int index) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    if (client.pendingOutput.empty()) return;
    std::swap(client.outputInFlight, client.pendingOutput);
    asio::async_write(client.socket, asio::buffer(client.outputInFlight), [this, index](error_code error, std::size_t) {
        if (error) return abort(BenchSchool::login(index) + ": write: " + error.message());
        Client& writer = *clients_[static_cast<std::size_t>(index)];
        writer.outputInFlight.clear();
        flush(index);
    });
}

void XmppContender::abort(const std::string& why) {
    std::cerr << "parta-server-load: " << why << "\n";
    std::exit(1);
}

}  // namespace parta::bench
