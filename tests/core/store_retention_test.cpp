// The retention cap evicts the oldest bodies first and never touches pinned messages or
// anything the user has not yet delivered.
#include <gtest/gtest.h>

#include "client/client.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

using testing::chatEvent;
using testing::messageEvent;
using testing::messageObject;
using testing::page;

ClientOptions withCap(std::int64_t cap) {
    ClientOptions options;
    options.maxMessageBodies = cap;
    return options;
}

TEST(StoreRetention, EvictsTheOldestBodiesFirstAndKeepsTheRows) {
    Client client(withCap(3));
    auto events = nlohmann::json::array({chatEvent(1, "5Б")});
    for (int id = 1; id <= 5; ++id) events.push_back(messageEvent(id, 1, 7, "текст " + std::to_string(id)));
    ASSERT_TRUE(client.applySync(page("c1", events).dump(), 0).ok());

    const auto messages = client.messages(1, {}).value;
    ASSERT_EQ(messages.size(), 5u);
    EXPECT_TRUE(messages[0].bodyEvicted);
    EXPECT_TRUE(messages[1].bodyEvicted);
    EXPECT_EQ(messages[0].text, "");
    for (int i = 2; i < 5; ++i) EXPECT_EQ(messages[i].text, "текст " + std::to_string(i + 1));
    EXPECT_TRUE(client.search("текст", {}).value.size() == 3u);
}

TEST(StoreRetention, NeverEvictsPinnedMessages) {
    Client client(withCap(1));
    auto pinned = messageObject(1, 1, 7, "расписание на четверть");
    pinned["pinned"] = true;
    const auto events = nlohmann::json::array(
        {chatEvent(1, "5Б"), messageEvent(pinned), messageEvent(2, 1, 7, "старое"), messageEvent(3, 1, 7, "новое")});
    ASSERT_TRUE(client.applySync(page("c1", events).dump(), 0).ok());

    const auto messages = client.messages(1, {}).value;
    ASSERT_EQ(messages.size(), 3u);
    EXPECT_EQ(messages[0].text, "расписание на четверть");
    EXPECT_TRUE(messages[1].bodyEvicted);
    EXPECT_EQ(messages[2].text, "новое");
}

TEST(StoreRetention, NeverEvictsUnsentOutboxItems) {
    Client client(withCap(1));
    ASSERT_TRUE(client.applySync(page("c1", nlohmann::json::array({chatEvent(1, "5Б")})).dump(), 0).ok());
    const std::string first = client.enqueue(1, "первое неотправленное", std::nullopt, 10).value;
    const std::string second = client.enqueue(1, "второе неотправленное", std::nullopt, 11).value;

    auto events = nlohmann::json::array();
    for (int id = 1; id <= 20; ++id) events.push_back(messageEvent(id, 1, 7, "входящее " + std::to_string(id)));
    ASSERT_TRUE(client.applySync(page("c2", events).dump(), 0).ok());

    const auto outbox = client.outbox().value;
    ASSERT_EQ(outbox.size(), 2u);
    EXPECT_EQ(outbox[0].text, "первое неотправленное");
    EXPECT_EQ(outbox[1].text, "второе неотправленное");
    const auto messages = client.messages(1, {}).value;
    EXPECT_EQ(messages.back().clientId, second);
    EXPECT_EQ(messages.back().text, "второе неотправленное");
}

}  // namespace
}  // namespace parta
