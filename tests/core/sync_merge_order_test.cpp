// The merge is a function of the set of events, not of their order (docs/protocol.md, "Merge
// rules"): an edit, a deletion or a vote that arrives before its message, or a copy that
// arrives after its deletion, leaves what the server order leaves. Each case here was once
// broken; the randomised form of the same property is sync_merge_property_test.cpp.
#include <gtest/gtest.h>

#include <limits>

#include "client/client.h"
#include "support/sync_fixtures.h"
#include "support/visible_state.h"

namespace parta {
namespace {

using nlohmann::json;
using testing::chatEvent;
using testing::messageEvent;
using testing::messageObject;
using testing::page;

const std::vector<std::string> kSearchWords = {"экскурсия", "маршрут", "автобус"};

json deletion(std::int64_t id, std::int64_t chatId) {
    return {{"type", "messageDeleted"}, {"messageDeleted", {{"id", id}, {"chatId", chatId}}}};
}

json edit(std::int64_t id, std::int64_t chatId, const std::string& text, std::int64_t editedAt) {
    return {{"type", "messageEdited"}, {"messageEdited", {{"id", id}, {"chatId", chatId}, {"text", text}, {"editedAt", editedAt}}}};
}

json votes(std::int64_t messageId, std::int64_t userId, const std::vector<std::int64_t>& optionIds) {
    return {{"type", "pollVotes"}, {"pollVotes", {{"messageId", messageId}, {"userId", userId}, {"optionIds", optionIds}}}};
}

json withAttachment(json message) {
    message["attachments"] = {{{"id", 55}, {"name", "marshrut.pdf"}, {"mimeType", "application/pdf"}, {"sizeBytes", 48213}}};
    return message;
}

json withPoll(json message) {
    message["poll"] = {{"question", "Кто поедет на экскурсию?"},
                       {"options", {{{"id", 1}, {"text", "Мы едем"}}, {{"id", 2}, {"text", "Не сможем"}}}}};
    return message;
}

// A parent in chat 10, where message 1100 of another parent is about the excursion.
json directory() {
    return json::array({testing::meEvent(7), chatEvent(10, "5Б"), testing::membershipEvent(10, 7, "member")});
}

json excursion() { return withAttachment(messageObject(1100, 10, 8, "Экскурсия в музей, маршрут во вложении")); }

class Device {
public:
    void apply(const json& events, const std::string& cursor = "c1") {
        const auto applied = client.applySync(page(cursor, events).dump(), 0);
        ASSERT_TRUE(applied.ok()) << applied.error->detail;
    }
    std::string state() { return testing::visibleState(client, kSearchWords); }
    store::Message message(std::int64_t chatId) {
        const auto messages = client.messages(chatId, {});
        EXPECT_TRUE(messages.ok() && messages.value.size() == 1);
        return messages.ok() && !messages.value.empty() ? messages.value.back() : store::Message{};
    }

    Client client;
};

json concat(json first, const json& second) {
    for (const auto& event : second) first.push_back(event);
    return first;
}

TEST(SyncMergeOrder, ADeletionBeforeItsMessageDeletesItAndKeepsNothingOfIt) {
    Device device;
    device.apply(concat(directory(), json::array({deletion(1100, 10), messageEvent(excursion())})));

    const store::Message message = device.message(10);
    EXPECT_TRUE(message.deleted);
    EXPECT_EQ(message.text, "");
    EXPECT_TRUE(message.attachments.empty());
    EXPECT_FALSE(message.editedAt);
    const auto hits = device.client.search("экскурсия", {});
    ASSERT_TRUE(hits.ok());
    EXPECT_TRUE(hits.value.empty());
    const auto chats = device.client.chats();
    ASSERT_TRUE(chats.ok());
    EXPECT_EQ(chats.value[0].unreadCount, 0);
}

TEST(SyncMergeOrder, ADeletionBeforeItsMessageLeavesWhatTheServerOrderLeaves) {
    Device serverOrder;
    serverOrder.apply(concat(directory(), json::array({messageEvent(excursion()), deletion(1100, 10)})));
    Device reversed;
    reversed.apply(concat(directory(), json::array({deletion(1100, 10), messageEvent(excursion())})));
    EXPECT_EQ(reversed.state(), serverOrder.state());
    // Applying the page again changes nothing, the unread count included.
    reversed.apply(concat(directory(), json::array({deletion(1100, 10), messageEvent(excursion())})));
    EXPECT_EQ(reversed.state(), serverOrder.state());
}

TEST(SyncMergeOrder, ADeletionInAnEarlierPageThanItsMessageStillDeletesIt) {
    Device device;
    device.apply(concat(directory(), json::array({deletion(1100, 10)})), "c1");
    device.apply(json::array({messageEvent(excursion())}), "c2");
    EXPECT_TRUE(device.message(10).deleted);
}

TEST(SyncMergeOrder, ADeletionNamingAnotherChatDeletesNothingInEitherOrder) {
    Device before;
    before.apply(concat(directory(), json::array({deletion(1100, 11), messageEvent(excursion())})));
    Device after;
    after.apply(concat(directory(), json::array({messageEvent(excursion()), deletion(1100, 11)})));
    EXPECT_FALSE(before.message(10).deleted);
    EXPECT_EQ(before.message(10).attachments.size(), 1u);
    EXPECT_EQ(before.state(), after.state());
}

TEST(SyncMergeOrder, AnEditBeforeItsMessageIsKeptAndTheNewerTextWins) {
    Device device;
    device.apply(concat(directory(), json::array({edit(1100, 10, "Экскурсия переносится, автобус в 10:00", 1700000500000),
                                                  messageEvent(excursion())})));
    const store::Message message = device.message(10);
    EXPECT_EQ(message.text, "Экскурсия переносится, автобус в 10:00");
    EXPECT_EQ(message.editedAt, 1700000500000);
    const auto hits = device.client.search("автобус", {});
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits.value.size(), 1u);
    EXPECT_EQ(hits.value[0].id, 1100);
}

TEST(SyncMergeOrder, AnEditBeforeACopyEditedLaterLosesToTheCopy) {
    json later = excursion();
    later["text"] = "Экскурсия отменена";
    later["editedAt"] = 1700000900000;
    Device device;
    device.apply(concat(directory(), json::array({edit(1100, 10, "Экскурсия переносится", 1700000500000), messageEvent(later)})));
    EXPECT_EQ(device.message(10).text, "Экскурсия отменена");
    EXPECT_EQ(device.message(10).editedAt, 1700000900000);
}

TEST(SyncMergeOrder, OfTwoEditsBeforeTheirMessageTheNewerWinsInEitherOrder) {
    const json older = edit(1100, 10, "Экскурсия в четверг", 1700000500000);
    const json newer = edit(1100, 10, "Экскурсия в пятницу", 1700000600000);
    Device first;
    first.apply(concat(directory(), json::array({older, newer, messageEvent(excursion())})));
    Device second;
    second.apply(concat(directory(), json::array({newer, older, messageEvent(excursion())})));
    EXPECT_EQ(first.message(10).text, "Экскурсия в пятницу");
    EXPECT_EQ(first.state(), second.state());
}

TEST(SyncMergeOrder, AnEditAfterADeletionBeforeTheirMessageBringsNoTextBack) {
    Device device;
    device.apply(concat(directory(), json::array({deletion(1100, 10), edit(1100, 10, "Экскурсия переносится", 1700000500000),
                                                  messageEvent(excursion())})));
    EXPECT_TRUE(device.message(10).deleted);
    EXPECT_EQ(device.message(10).text, "");
}

TEST(SyncMergeOrder, ACopyAfterTheDeletionBringsBackNeitherAttachmentsNorPoll) {
    for (const json& copy : {excursion(), withPoll(messageObject(1100, 10, 8, "Кто поедет?"))}) {
        Device device;
        device.apply(concat(directory(), json::array({messageEvent(copy), deletion(1100, 10), messageEvent(copy)})));
        const store::Message message = device.message(10);
        EXPECT_TRUE(message.deleted);
        EXPECT_EQ(message.text, "");
        EXPECT_TRUE(message.attachments.empty());
        EXPECT_FALSE(message.poll);
    }
}

TEST(SyncMergeOrder, ACopySayingDeletedRemovesTheVotesOfItsPoll) {
    json deletedCopy = withPoll(messageObject(1100, 10, 8, ""));
    deletedCopy["deleted"] = true;
    Device votesFirst;
    votesFirst.apply(concat(directory(), json::array({messageEvent(withPoll(messageObject(1100, 10, 8, "Кто поедет?"))),
                                                      votes(1100, 7, {1}), messageEvent(deletedCopy)})));
    Device votesLast;
    votesLast.apply(concat(directory(), json::array({messageEvent(withPoll(messageObject(1100, 10, 8, "Кто поедет?"))),
                                                     messageEvent(deletedCopy), votes(1100, 7, {1})})));
    EXPECT_EQ(votesFirst.state(), votesLast.state());
    EXPECT_FALSE(votesFirst.message(10).poll);
}

TEST(SyncMergeOrder, VotesBeforeTheirPollAreCountedOnceItArrives) {
    Device device;
    device.apply(concat(directory(), json::array({votes(1100, 7, {2}), votes(1100, 9, {2}), votes(1100, 12, {1}),
                                                  messageEvent(withPoll(messageObject(1100, 10, 8, "Кто поедет?")))})));
    const store::Message message = device.message(10);
    ASSERT_TRUE(message.poll);
    ASSERT_EQ(message.poll->options.size(), 2u);
    EXPECT_EQ(message.poll->options[0].votes, 1);
    EXPECT_FALSE(message.poll->options[0].chosenByMe);
    EXPECT_EQ(message.poll->options[1].votes, 2);
    EXPECT_TRUE(message.poll->options[1].chosenByMe);
}

TEST(SyncMergeOrder, VotesBeforeADeletionThatPrecedesTheirPollAreGoneWithIt) {
    Device device;
    device.apply(concat(directory(), json::array({deletion(1100, 10), votes(1100, 7, {2}),
                                                  messageEvent(withPoll(messageObject(1100, 10, 8, "Кто поедет?")))})));
    Device serverOrder;
    serverOrder.apply(concat(directory(), json::array({messageEvent(withPoll(messageObject(1100, 10, 8, "Кто поедет?"))),
                                                       votes(1100, 7, {2}), deletion(1100, 10)})));
    EXPECT_EQ(device.state(), serverOrder.state());
}

TEST(SyncMergeOrder, AResetForgetsChangesThatWaitedForTheirMessage) {
    Device device;
    device.apply(concat(directory(), json::array({deletion(1100, 10)})), "c1");
    device.apply(concat(json::array({{{"type", "reset"}}}), concat(directory(), json::array({messageEvent(excursion())}))), "c2");
    EXPECT_FALSE(device.message(10).deleted);
    EXPECT_EQ(device.message(10).attachments.size(), 1u);
}

TEST(SyncMergeOrder, TheLargestIdTheProtocolAllowsIsListedAndFound) {
    constexpr std::int64_t kLargest = std::numeric_limits<std::int64_t>::max();
    // Built by hand: messageObject derives serverTime from the id, which overflows here.
    const json largest = {{"id", kLargest}, {"chatId", 10}, {"senderId", 8}, {"serverTime", 1700000000000},
                          {"text", "Экскурсия завтра"}};
    Device device;
    device.apply(concat(directory(), json::array({messageEvent(messageObject(1100, 10, 8, "Маршрут готов")), messageEvent(largest)})));

    const auto newest = device.client.messages(10, {});
    ASSERT_TRUE(newest.ok());
    ASSERT_EQ(newest.value.size(), 2u);
    EXPECT_EQ(newest.value.back().id, kLargest);
    const auto older = device.client.messages(10, {50, kLargest, std::nullopt});
    ASSERT_TRUE(older.ok());
    ASSERT_EQ(older.value.size(), 1u);
    EXPECT_EQ(older.value[0].id, 1100);
    const auto hits = device.client.search("экскурсия", {});
    ASSERT_TRUE(hits.ok());
    ASSERT_EQ(hits.value.size(), 1u);
    EXPECT_EQ(hits.value[0].id, kLargest);
    store::SearchOptions beforeLargest;
    beforeLargest.beforeId = kLargest;
    const auto none = device.client.search("экскурсия", beforeLargest);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none.value.empty());
}

TEST(SyncMergeOrder, APageBeforeTheFirstIdIsEmpty) {
    Device device;
    device.apply(concat(directory(), json::array({messageEvent(messageObject(1, 10, 8, "Первое"))})));
    const auto page = device.client.messages(10, {50, 1, std::nullopt});
    ASSERT_TRUE(page.ok());
    EXPECT_TRUE(page.value.empty());
}

}  // namespace
}  // namespace parta
