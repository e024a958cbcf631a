// Offline search over Russian text: case, ё/е and prefixes must not matter.
#include <gtest/gtest.h>

#include "client/client.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

using testing::chatEvent;
using testing::messageEvent;
using testing::page;

class StoreSearch : public ::testing::Test {
protected:
    void SetUp() override {
        const auto events = nlohmann::json::array({
            chatEvent(1, "5Б"),
            chatEvent(2, "Родительский комитет"),
            messageEvent(10, 1, 7, "Ёлка в пятницу в актовом зале"),
            messageEvent(11, 1, 7, "Родительское собрание перенесли"),
            messageEvent(12, 2, 8, "СОБРАНИЕ комитета в среду"),
            messageEvent(13, 2, 8, "Принесите ещё ёлочные игрушки"),
            messageEvent(14, 1, 8, "Café au lait в столовой"),
        });
        ASSERT_TRUE(client.applySync(page("c1", events).dump(), 0).ok());
    }

    std::vector<std::int64_t> idsFound(const std::string& query, store::SearchOptions options = {}) {
        const auto found = client.search(query, options);
        EXPECT_TRUE(found.ok());
        std::vector<std::int64_t> ids;
        for (const auto& message : found.value) ids.push_back(message.id);
        return ids;
    }

    Client client;
};

TEST_F(StoreSearch, FindsYoWhenTypedWithYe) { EXPECT_EQ(idsFound("елка"), std::vector<std::int64_t>{10}); }

TEST_F(StoreSearch, FindsYeWhenTypedWithYo) { EXPECT_EQ(idsFound("ёщё"), std::vector<std::int64_t>{13}); }

TEST_F(StoreSearch, IgnoresCase) { EXPECT_EQ(idsFound("собрание"), (std::vector<std::int64_t>{12, 11})); }

TEST_F(StoreSearch, MatchesWordPrefixesNewestFirst) {
    EXPECT_EQ(idsFound("собр"), (std::vector<std::int64_t>{12, 11}));
    EXPECT_EQ(idsFound("ЁЛ"), (std::vector<std::int64_t>{13, 10}));
}

TEST_F(StoreSearch, RequiresEveryWord) { EXPECT_EQ(idsFound("собр сред"), std::vector<std::int64_t>{12}); }

TEST_F(StoreSearch, FoldsLatinDiacritics) { EXPECT_EQ(idsFound("cafe"), std::vector<std::int64_t>{14}); }

TEST_F(StoreSearch, FiltersByChatAndPagesWithBeforeId) {
    EXPECT_EQ(idsFound("собр", {1, std::nullopt, 50}), std::vector<std::int64_t>{11});
    EXPECT_EQ(idsFound("собр", {std::nullopt, 12, 50}), std::vector<std::int64_t>{11});
}

TEST_F(StoreSearch, TreatsQuerySyntaxAsPlainText) {
    EXPECT_EQ(idsFound("\"собр"), (std::vector<std::int64_t>{12, 11}));
    EXPECT_TRUE(idsFound("NEAR( AND OR *").empty());
    EXPECT_TRUE(idsFound("   ").empty());
}

TEST_F(StoreSearch, NoLongerFindsDeletedOrEditedAwayText) {
    const auto events = nlohmann::json::array({
        {{"type", "messageDeleted"}, {"messageDeleted", {{"id", 10}, {"chatId", 1}}}},
        {{"type", "messageEdited"}, {"messageEdited", {{"id", 11}, {"chatId", 1}, {"text", "Встреча отменена"}, {"editedAt", 1}}}},
    });
    ASSERT_TRUE(client.applySync(page("c2", events).dump(), 0).ok());
    EXPECT_TRUE(idsFound("елка").empty());
    EXPECT_EQ(idsFound("собрание"), std::vector<std::int64_t>{12});
    EXPECT_EQ(idsFound("отмен"), std::vector<std::int64_t>{11});
}

// The index is brought up to date once per transaction (migration 0006), so several changes
// to one message within a page must leave only the last text searchable.
TEST_F(StoreSearch, IndexesOnlyTheLastTextOfAMessageChangedSeveralTimesInOnePage) {
    const auto events = nlohmann::json::array({
        messageEvent(20, 1, 7, "Экскурсия в музей"),
        {{"type", "messageEdited"}, {"messageEdited", {{"id", 20}, {"chatId", 1}, {"text", "Экскурсия в театр"}, {"editedAt", 1}}}},
        {{"type", "messageEdited"}, {"messageEdited", {{"id", 12}, {"chatId", 2}, {"text", "Комитет в четверг"}, {"editedAt", 1}}}},
        {{"type", "messageEdited"}, {"messageEdited", {{"id", 12}, {"chatId", 2}, {"text", "Комитет в пятницу"}, {"editedAt", 2}}}},
        messageEvent(21, 1, 7, "Сменная обувь"),
        {{"type", "messageDeleted"}, {"messageDeleted", {{"id", 21}, {"chatId", 1}}}},
    });
    ASSERT_TRUE(client.applySync(page("c2", events).dump(), 0).ok());
    EXPECT_TRUE(idsFound("музей").empty());
    EXPECT_EQ(idsFound("театр"), std::vector<std::int64_t>{20});
    EXPECT_TRUE(idsFound("четверг").empty());
    EXPECT_EQ(idsFound("комитет"), std::vector<std::int64_t>{12});
    EXPECT_EQ(idsFound("пятниц"), (std::vector<std::int64_t>{12, 10}));
    EXPECT_TRUE(idsFound("обувь").empty());
}

TEST_F(StoreSearch, ReappliedPageLeavesTheIndexAsItWas) {
    const auto events = nlohmann::json::array({messageEvent(10, 1, 7, "Ёлка в пятницу в актовом зале")});
    ASSERT_TRUE(client.applySync(page("c2", events).dump(), 0).ok());
    EXPECT_EQ(idsFound("елка"), std::vector<std::int64_t>{10});
    EXPECT_EQ(idsFound("актов"), std::vector<std::int64_t>{10});
}

TEST_F(StoreSearch, ResetForgetsTheOldTextAndIndexesTheSnapshot) {
    const auto events = nlohmann::json::array({{{"type", "reset"}}, chatEvent(1, "5Б"),
                                               messageEvent(30, 1, 7, "Новый учебный год")});
    ASSERT_TRUE(client.applySync(page("c2", events).dump(), 0).ok());
    EXPECT_TRUE(idsFound("собрание").empty());
    EXPECT_EQ(idsFound("учебн"), std::vector<std::int64_t>{30});
}

TEST(StoreSearchRetention, NoLongerFindsBodiesTheRetentionCapEvicted) {
    ClientOptions options;
    options.maxMessageBodies = 1;
    Client client(options);
    const auto events = nlohmann::json::array({chatEvent(1, "5Б"), messageEvent(10, 1, 7, "Контрольная во вторник"),
                                               messageEvent(11, 1, 7, "Контрольная перенесена")});
    ASSERT_TRUE(client.applySync(page("c1", events).dump(), 0).ok());
    const auto found = client.search("контрольн", {});
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found.value.size(), 1u);
    EXPECT_EQ(found.value[0].id, 11);
}

TEST(StoreSearchOutbox, FindsOwnMessageOnceTheSendResultConfirmsIt) {
    Client client;
    ASSERT_TRUE(client.applySync(page("c1", nlohmann::json::array({chatEvent(1, "5Б")})).dump(), 0).ok());
    const std::string clientId = client.enqueue(1, "Спасибо за собрание", std::nullopt, 1000).value;
    nlohmann::json copy = testing::messageObject(101, 1, 7, "Спасибо за собрание");
    copy["clientId"] = clientId;
    const std::string body = nlohmann::json{{"message", copy}}.dump();
    ASSERT_EQ(client.onSendResult(clientId, 201, body, 1100).value, sync::SendOutcome::Confirmed);
    const auto found = client.search("спасиб", {});
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found.value.size(), 1u);
    EXPECT_EQ(found.value[0].id, 101);
}

}  // namespace
}  // namespace parta
