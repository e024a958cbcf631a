// Applying sync pages is exactly-once in effect: the same page twice, or the same events cut
// into pages differently, leave identical stores.
#include <gtest/gtest.h>

#include "store/database.h"
#include "store/message_store.h"
#include "store/migrations.h"
#include "support/sync_fixtures.h"
#include "support/synced_store.h"
#include "sync/page_applier.h"
#include "sync/sync_page.h"

namespace parta::sync {
namespace {

using testing::chatEvent;
using testing::messageEvent;
using testing::messageObject;
using testing::page;

// Every kind of event, in server order, including ones that revisit earlier rows.
nlohmann::json eventStream() {
    auto poll = messageObject(104, 1, 4, "");
    poll["poll"] = {{"question", "Когда родительское собрание?"},
                    {"options", {{{"id", 1}, {"text", "Во вторник"}}, {{"id", 2}, {"text", "В четверг"}}}}};
    auto withAttachment = messageObject(105, 2, 4, "Расписание во вложении");
    withAttachment["attachments"] = {{{"id", 50}, {"name", "raspisanie.pdf"}, {"mimeType", "application/pdf"}, {"sizeBytes", 12345}}};
    return nlohmann::json::array({
        testing::meEvent(3),
        testing::userEvent(3, "Ольга Сергеевна", "teacher"),
        testing::userEvent(4, "Пётр Иванов"),
        chatEvent(1, "5Б"),
        chatEvent(2, "Родительский комитет"),
        {{"type", "membership"}, {"membership", {{"chatId", 1}, {"userId", 4}, {"role", "member"}}}},
        {{"type", "membership"}, {"membership", {{"chatId", 2}, {"userId", 4}, {"role", "member"}}}},
        messageEvent(101, 1, 3, "Добрый вечер!"),
        messageEvent(102, 1, 4, "Здравствуйте"),
        messageEvent(103, 2, 4, "Кто сдаёт деньги на экскурсию?"),
        messageEvent(poll),
        messageEvent(withAttachment),
        {{"type", "messageEdited"}, {"messageEdited", {{"id", 102}, {"chatId", 1}, {"text", "Здравствуйте!"}, {"editedAt", 1700000200000}}}},
        {{"type", "messageDeleted"}, {"messageDeleted", {{"id", 103}, {"chatId", 2}}}},
        {{"type", "pollVotes"}, {"pollVotes", {{"messageId", 104}, {"userId", 4}, {"optionIds", {2}}}}},
        {{"type", "readState"}, {"readState", {{"chatId", 1}, {"lastReadId", 102}}}},
        {{"type", "membershipRemoved"}, {"membershipRemoved", {{"chatId", 2}, {"userId", 4}}}},
        {{"type", "invite"}, {"invite", {{"id", 7}, {"chatId", 1}, {"state", "active"}, {"createdBy", 3}, {"createdAt", 1}, {"expiresAt", nullptr}}}},
        {{"type", "joinRequest"}, {"joinRequest", {{"id", 8}, {"chatId", 1}, {"userId", 9}, {"state", "pending"}, {"createdAt", 2}}}},
        {{"type", "joinRequest"}, {"joinRequest", {{"id", 8}, {"chatId", 1}, {"userId", 9}, {"state", "approved"}, {"createdAt", 2}}}},
        {{"type", "readState"}, {"readState", {{"chatId", 1}, {"lastReadId", 101}}}},
    });
}

// The events cut into pages of `size`, with cursors that end at the same last cursor.
std::vector<nlohmann::json> split(const nlohmann::json& events, std::size_t size) {
    std::vector<nlohmann::json> pages;
    for (std::size_t start = 0; start < events.size(); start += size) {
        auto chunk = nlohmann::json::array();
        for (std::size_t i = start; i < std::min(events.size(), start + size); ++i) chunk.push_back(events[i]);
        const bool last = start + size >= events.size();
        pages.push_back(page(last ? "end" : "c" + std::to_string(start), chunk, !last));
    }
    return pages;
}

TEST(SyncApply, SamePageTwiceChangesNothing) {
    testing::SyncedStore store;
    const auto whole = page("end", eventStream());
    store.apply(whole);
    const std::string once = store.dump();
    store.apply(whole);
    EXPECT_EQ(store.dump(), once);
}

TEST(SyncApply, PagesSplitDifferentlyGiveIdenticalStores) {
    testing::SyncedStore reference;
    reference.apply(page("end", eventStream()));
    for (const std::size_t size : {1u, 2u, 3u, 5u, 7u}) {
        testing::SyncedStore store;
        for (const auto& part : split(eventStream(), size)) store.apply(part);
        EXPECT_EQ(store.dump(), reference.dump()) << "pages of " << size;
    }
}

TEST(SyncApply, ReplayingEveryEarlierPageAfterTheLastChangesNothing) {
    testing::SyncedStore store;
    const auto pages = split(eventStream(), 4);
    for (const auto& part : pages) store.apply(part);
    const std::string final = store.dump();
    for (const auto& part : pages) store.apply(part);
    store.apply(pages.back());  // the cursor too ends where it was
    EXPECT_EQ(store.dump(), final);
}

TEST(SyncApply, AdvancesTheCursorWithThePage) {
    testing::SyncedStore store;
    store.apply(page("c1", nlohmann::json::array({chatEvent(1, "5Б")})));
    EXPECT_EQ(store.store.cursor(), "c1");
}

TEST(SyncApply, DeletionIsFinalAndLeavesNoContent) {
    testing::SyncedStore store;
    store.apply(page("c1", eventStream()));
    store.apply(page("c2", nlohmann::json::array({messageEvent(103, 2, 4, "Кто сдаёт деньги на экскурсию?")})));
    const auto messages = store.store.messages(2, {});
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_TRUE(messages[0].deleted);
    EXPECT_EQ(messages[0].text, "");
    EXPECT_FALSE(messages[0].bodyEvicted);
}

TEST(SyncApply, AnOlderCopyDoesNotUndoANewerEdit) {
    testing::SyncedStore store;
    store.apply(page("c1", eventStream()));
    store.apply(page("c2", nlohmann::json::array({messageEvent(102, 1, 4, "Здравствуйте")})));
    const auto messages = store.store.messages(1, {});
    ASSERT_EQ(messages.size(), 3u);
    EXPECT_EQ(messages[1].text, "Здравствуйте!");
    EXPECT_EQ(messages[1].editedAt, 1700000200000);
}

TEST(SyncApply, ReadStateOnlyMovesForward) {
    testing::SyncedStore store;
    store.apply(page("c1", eventStream()));
    // Read up to 102 and then, from another device, "up to 101": 104 alone stays unread.
    EXPECT_EQ(store.store.unreadCount(1), 1);
}

TEST(SyncApply, ChatListShowsLastMessageUnreadCountAndActivityOrder) {
    testing::SyncedStore store;
    store.apply(page("c1", eventStream()));
    const auto chats = store.store.chats(200);
    ASSERT_EQ(chats.size(), 2u);
    EXPECT_EQ(chats[0].chat.id, 2);  // 105 is the newest message overall
    ASSERT_TRUE(chats[0].lastMessage);
    EXPECT_EQ(chats[0].lastMessage->id, 105);
    EXPECT_EQ(chats[1].chat.id, 1);
    EXPECT_EQ(chats[1].lastMessage->id, 104);
    EXPECT_EQ(chats[1].unreadCount, 1);
}

TEST(SyncApply, MessagePagesCarryAttachmentsAndPolls) {
    testing::SyncedStore store;
    store.apply(page("c1", eventStream()));
    const auto chat1 = store.store.messages(1, {});
    ASSERT_TRUE(chat1.back().poll);
    EXPECT_EQ(chat1.back().poll->options.size(), 2u);
    const auto chat2 = store.store.messages(2, {});
    ASSERT_EQ(chat2.back().attachments.size(), 1u);
    EXPECT_EQ(chat2.back().attachments[0].name, "raspisanie.pdf");
}

TEST(SyncApply, AnAttachmentMovedToAnotherMessageOrDroppedByANewerCopyIsShownNowhereElse) {
    testing::SyncedStore store;
    store.apply(page("c1", eventStream()));
    auto moved = messageObject(106, 2, 4, "Исправленное расписание");
    moved["attachments"] = {{{"id", 50}, {"name", "raspisanie-2.pdf"}, {"mimeType", "application/pdf"}, {"sizeBytes", 2345}}};
    auto pollDropped = messageObject(104, 1, 4, "Собрание в четверг");
    store.apply(page("c2", nlohmann::json::array({messageEvent(moved), messageEvent(pollDropped)})));

    const auto chat2 = store.store.messages(2, {});
    ASSERT_EQ(chat2.size(), 3u);
    EXPECT_EQ(chat2[1].id, 105);
    EXPECT_TRUE(chat2[1].attachments.empty());
    ASSERT_EQ(chat2[2].attachments.size(), 1u);
    EXPECT_EQ(chat2[2].attachments[0].name, "raspisanie-2.pdf");
    EXPECT_FALSE(store.store.messages(1, {}).back().poll);
}

TEST(SyncApply, PagesWalkBackwardAndForwardById) {
    testing::SyncedStore store;
    auto events = nlohmann::json::array({chatEvent(1, "5Б")});
    for (int id = 1; id <= 10; ++id) events.push_back(messageEvent(id, 1, 4, "сообщение " + std::to_string(id)));
    store.apply(page("c1", events));
    auto ids = [](const std::vector<store::Message>& messages) {
        std::vector<std::int64_t> result;
        for (const auto& message : messages) result.push_back(message.id);
        return result;
    };
    EXPECT_EQ(ids(store.store.messages(1, {3, std::nullopt, std::nullopt})), (std::vector<std::int64_t>{8, 9, 10}));
    EXPECT_EQ(ids(store.store.messages(1, {3, 8, std::nullopt})), (std::vector<std::int64_t>{5, 6, 7}));
    EXPECT_EQ(ids(store.store.messages(1, {3, std::nullopt, 2})), (std::vector<std::int64_t>{3, 4, 5}));
}

TEST(SyncApply, ResetClearsSyncedDataButKeepsOutboxAndDrafts) {
    testing::SyncedStore store;
    store.apply(page("c1", eventStream()));
    store::OutboxItem item;
    item.clientId = "0b6c1f0e-8c1a-4d3e-9a57-2f0c6f1a9b10";
    item.chatId = 1;
    item.text = "Спасибо!";
    store.store.addToOutbox(item);
    store.store.setDraft(2, "Черновик ответа");

    store.apply(page("fresh", nlohmann::json::array({{{"type", "reset"}}, chatEvent(1, "5Б"),
                                                     messageEvent(200, 1, 3, "Снова здесь")})));

    EXPECT_EQ(store.store.cursor(), "fresh");
    const auto chats = store.store.chats(200);
    ASSERT_EQ(chats.size(), 1u);
    const auto messages = store.store.messages(1, {});
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0].id, 200);
    EXPECT_EQ(messages[1].clientId, item.clientId);
    EXPECT_EQ(store.store.draft(2), "Черновик ответа");
    EXPECT_TRUE(store.store.search("здравствуйте", {}).empty());
    EXPECT_EQ(store.store.me()->userId, 3);
}

}  // namespace
}  // namespace parta::sync
