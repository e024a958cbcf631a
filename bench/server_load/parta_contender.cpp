#include "parta_contender.h"

#include <algorithm>
#include <iostream>

#include "random/uuid.h"

namespace parta::bench {

namespace {

constexpr std::string_view kMessageEvent = "{\"type\":\"message\",";
constexpr std::string_view kTextField = "\"text\":\"";
constexpr std::string_view kChatEvent = "{\"type\":\"chat\",\"chat\":{\"id\":";
constexpr std::string_view kCursorField = "\"cursor\":\"";

std::string cursorOf(std::string_view body) {
    const std::size_t at = body.find(kCursorField);
    if (at == std::string_view::npos) return {};
    const std::size_t begin = at + kCursorField.size();
    return std::string(body.substr(begin, body.find('"', begin) - begin));
}

bool saysMore(std::string_view body) { return body.find("\"more\":true") != std::string_view::npos; }

}  // namespace

PartaContender::PartaContender(ContenderSetup setup) : setup_(std::move(setup)) {
    clients_.reserve(static_cast<std::size_t>(setup_.school.clients));
    for (int i = 0; i < setup_.school.clients; ++i) clients_.push_back(std::make_unique<Client>(setup_.io, setup_.server));
}

void PartaContender::connect(std::function<void()> ready) {
    ready_ = std::move(ready);
    const int first = std::min(setup_.setupConcurrency, setup_.school.clients);
    for (nextToSignIn_ = 0; nextToSignIn_ < first; ++nextToSignIn_) signIn(nextToSignIn_);
}

void PartaContender::signIn(int index) {
    const std::string body = "{\"login\":\"" + BenchSchool::login(index) + "\",\"password\":\"" +
                             BenchSchool::kPassword + "\"}";
    Client& client = *clients_[static_cast<std::size_t>(index)];
    client.poll.exchange(httpPost("/api/v1/session", "", body), [this, index](const std::string& failure, const HttpAnswer& answer) {
        if (!failure.empty() || answer.status != 200 || answer.sessionCookie.empty()) {
            return abort(BenchSchool::login(index) + " could not sign in: " +
                         (failure.empty() ? "HTTP " + std::to_string(answer.status) : failure));
        }
        clients_[static_cast<std::size_t>(index)]->cookie = answer.sessionCookie;
        firstSync(index);
    });
}

// Pages until `more` is false; then the client is where a phone would be, waiting for news.
void PartaContender::firstSync(int index) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    const std::string target = "/api/v1/sync?limit=1000" + (client.cursor.empty() ? "" : "&since=" + client.cursor);
    client.poll.exchange(httpGet(target, client.cookie), [this, index](const std::string& failure, const HttpAnswer& answer) {
        if (!failure.empty() || answer.status != 200) {
            return abort(BenchSchool::login(index) + ": first sync failed: " +
                         (failure.empty() ? "HTTP " + std::to_string(answer.status) : failure));
        }
        Client& synced = *clients_[static_cast<std::size_t>(index)];
        for (std::size_t at = answer.body.find(kChatEvent); at != std::string_view::npos;
             at = answer.body.find(kChatEvent, at + 1)) {
            synced.chatIds.push_back(std::atoll(answer.body.data() + at + kChatEvent.size()));
        }
        synced.cursor = cursorOf(answer.body);
        if (saysMore(answer.body)) return firstSync(index);
        parked(index);
    });
}

void PartaContender::parked(int index) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    std::sort(client.chatIds.begin(), client.chatIds.end());
    client.chatIds.erase(std::unique(client.chatIds.begin(), client.chatIds.end()), client.chatIds.end());
    if (static_cast<int>(client.chatIds.size()) != setup_.school.chatsPerClient) {
        return abort(BenchSchool::login(index) + " reads " + std::to_string(client.chatIds.size()) + " chats, not " +
                     std::to_string(setup_.school.chatsPerClient) + ": was the database seeded for this school?");
    }
    longPoll(index);
    if (nextToSignIn_ < setup_.school.clients) signIn(nextToSignIn_++);
    if (++parked_ == setup_.school.clients) ready_();
}

void PartaContender::longPoll(int index) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    client.poll.exchange(httpGet("/api/v1/sync?limit=1000&since=" + client.cursor, client.cookie),
                         [this, index](const std::string& failure, const HttpAnswer& answer) {
                             LoadRecorder& recorder = setup_.recorder;
                             if (!failure.empty() || answer.status != 200) {
                                 recorder.error(failure.empty() ? "sync HTTP " + std::to_string(answer.status) : "sync " + failure);
                                 return longPoll(index);  // the same cursor again, on a new connection if need be
                             }
                             const std::int64_t now = recorder.nowMicros();
                             int events = 0;
                             const std::string_view body = answer.body;
                             for (std::size_t at = body.find(kMessageEvent); at != std::string_view::npos;
                                  at = body.find(kMessageEvent, at + 1)) {
                                 ++events;
                                 const std::size_t text = body.find(kTextField, at);
                                 if (text == std::string_view::npos) continue;
                                 const std::int64_t sentAt = sendTimeAt(body, text + kTextField.size());
                                 if (sentAt >= 0) recorder.delivered(sentAt, now);
                             }
                             recorder.pollAnswered(events);
                             clients_[static_cast<std::size_t>(index)]->cursor = cursorOf(body);
                             longPoll(index);
                         });
}

void PartaContender::send(int index, int slot, const std::string& text) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    UuidBytes bytes;
    for (std::size_t i = 0; i < bytes.size(); i += 8) {
        const std::uint64_t bits = uuidBits_();
        for (std::size_t j = 0; j < 8; ++j) bytes[i + j] = static_cast<std::uint8_t>(bits >> (8 * j));
    }
    // The texts are the bench's own and hold nothing JSON would have to escape.
    client.outbox.push_back("{\"clientId\":\"" + uuidV4FromBytes(bytes) + "\",\"chatId\":" +
                            std::to_string(client.chatIds[static_cast<std::size_t>(slot)]) + ",\"text\":\"" + text + "\"}");
    if (!client.sendInFlight) postNext(index);
}

void PartaContender::postNext(int index) {
    Client& client = *clients_[static_cast<std::size_t>(index)];
    if (client.outbox.empty()) return;
    client.sendInFlight = true;
    client.sending.exchange(httpPost("/api/v1/messages", client.cookie, client.outbox.front()),
                            [this, index](const std::string& failure, const HttpAnswer& answer) {
                                Client& sender = *clients_[static_cast<std::size_t>(index)];
                                sender.sendInFlight = false;
                                // Not retried: a failed send is an error of its step, not hidden behind a second try.
                                sender.outbox.pop_front();
                                if (failure.empty() && answer.status == 201) {
                                    setup_.recorder.sendAnswered();
                                } else {
                                    setup_.recorder.error(failure.empty() ? "send HTTP " + std::to_string(answer.status)
                                                                          : "send " + failure);
                                }
                                postNext(index);
                            });
}

void PartaContender::abort(const std::string& why) {
    std::cerr << "parta-server-load: " << why << "\n";
    std::exit(1);
}

}  // namespace parta::bench
