// 16 clients post while 16 others sync by long-poll, on the server's two threads. Every syncing
// client must end with every message it may see exactly once, in server order, and nothing else
// (issue 13, "concurrency"). Nothing here measures time.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "random/uuid.h"
#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

constexpr int kSenders = 16;
constexpr int kSyncers = 16;
constexpr int kMessagesPerSender = 15;

using ConcurrencyTest = SchoolFixture;

// The message ids of a sync answer, in the order they came.
std::vector<std::int64_t> messageIds(const nlohmann::json& events) {
    std::vector<std::int64_t> ids;
    for (const nlohmann::json& event : events) {
        if (event["type"] == "message") ids.push_back(event["message"]["id"].get<std::int64_t>());
    }
    return ids;
}

TEST_F(ConcurrencyTest, SixteenSyncersEachGetEveryMessageTheyMaySeeOnceInServerOrderWhileSixteenPost) {
    // Short polls, so the syncers notice the end quickly; no test asserts on them.
    server::ServerOptions options = testOptions();
    options.longPoll = std::chrono::milliseconds(300);
    std::uint16_t port = 0;
    auto server = startServer(options, port);
    const auto signedInHere = [&](const Person& person) {
        HttpClient client(port);
        EXPECT_EQ(client.signIn(person.login, kPassword).status, 200);
        return client;
    };

    struct Writer {
        const Person* person;
        std::int64_t chatId;
    };
    // Everyone who may post somewhere, each in a chat of theirs.
    const std::vector<Writer> writers = {{&classTeacher, classChat}, {&student, classChat},  {&classmate, classChat},
                                         {&classTeacher, parentsChat}, {&parent, parentsChat}, {&admin, schoolChannel},
                                         {&strangerTeacher, strangerClassChat}, {&stranger, strangerClassChat}};
    const std::vector<const Person*> readers = {&admin, &classTeacher, &student, &parent, &classmate, &stranger, &strangerTeacher};

    struct Stream {
        const Person* person = nullptr;
        HttpClient client{0};
        std::string cursor;
        std::vector<std::int64_t> received;
    };
    std::vector<Stream> streams(kSyncers);
    for (int i = 0; i < kSyncers; ++i) {
        streams[i].person = readers[i % readers.size()];
        streams[i].client = signedInHere(*streams[i].person);
        const HttpAnswer first = streams[i].client.get("/api/v1/sync?limit=1000");
        ASSERT_EQ(first.status, 200);
        streams[i].cursor = first.json()["cursor"].get<std::string>();
    }

    std::mutex ackedMutex;
    std::map<std::int64_t, std::set<std::int64_t>> ackedByChat;
    std::atomic<int> sendersRunning{kSenders};
    std::vector<std::thread> threads;
    for (int i = 0; i < kSenders; ++i) {
        threads.emplace_back([&, i] {
            const Writer& writer = writers[i % writers.size()];
            HttpClient client = signedInHere(*writer.person);
            for (int n = 0; n < kMessagesPerSender; ++n) {
                const std::string clientId = generateUuidV4();
                // Every third message is sent twice, as a retry after a lost answer would be.
                for (int copy = 0; copy < (n % 3 == 0 ? 2 : 1); ++copy) {
                    const HttpAnswer answer = send(client, writer.chatId, "Сообщение " + std::to_string(i) + "." + std::to_string(n), clientId);
                    ASSERT_TRUE(answer.status == 201 || answer.status == 200) << answer.body;
                    std::lock_guard<std::mutex> lock(ackedMutex);
                    ackedByChat[writer.chatId].insert(answer.json()["message"]["id"].get<std::int64_t>());
                }
            }
            --sendersRunning;
        });
    }
    for (Stream& stream : streams) {
        threads.emplace_back([&] {
            // Once the senders are done, a poll that starts after that and brings nothing means
            // the stream has caught up. Bounded, so a lost wake-up fails instead of hanging.
            for (int poll = 0; poll < 10000; ++poll) {
                const bool sendersDone = sendersRunning == 0;
                const HttpAnswer answer = stream.client.get("/api/v1/sync?since=" + stream.cursor + "&limit=50");
                ASSERT_EQ(answer.status, 200) << answer.body;
                const nlohmann::json page = answer.json();
                const std::vector<std::int64_t> ids = messageIds(page["events"]);
                stream.received.insert(stream.received.end(), ids.begin(), ids.end());
                stream.cursor = page["cursor"].get<std::string>();
                if (sendersDone && page["events"].empty() && !page["more"].get<bool>()) return;
            }
            ADD_FAILURE() << stream.person->login << " never caught up";
        });
    }
    for (std::thread& thread : threads) thread.join();

    std::size_t acked = 0;
    for (const auto& [chat, ids] : ackedByChat) acked += ids.size();
    ASSERT_EQ(acked, static_cast<std::size_t>(kSenders * kMessagesPerSender)) << "a retry stored a second copy";
    for (Stream& stream : streams) {
        // What this person may see: the messages of the chats a fresh snapshot gives them.
        std::set<std::int64_t> readable;
        HttpClient fresh = signedIn(*stream.person);
        const Synced snapshot = syncAll(fresh);
        for (const nlohmann::json& event : snapshot.events) {
            if (event["type"] == "chat") readable.insert(event["chat"]["id"].get<std::int64_t>());
        }
        std::vector<std::int64_t> expected;
        for (const std::int64_t chatId : readable) {
            expected.insert(expected.end(), ackedByChat[chatId].begin(), ackedByChat[chatId].end());
        }
        std::sort(expected.begin(), expected.end());
        EXPECT_FALSE(expected.empty()) << stream.person->login;
        // Exactly once and in server order: the stream is the sorted expected list itself.
        EXPECT_EQ(stream.received, expected) << stream.person->login;
    }
}

}  // namespace
}  // namespace parta::testing
