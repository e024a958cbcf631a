// A person removed from a chat (by a moderator, or moved to another class) keeps nothing of it
// on the device: the page that carries the removal takes the chat off in its own transaction
// (docs/protocol.md, "How the client applies a page"; docs/storage.md, "What leaves the
// device"). A school channel the person still reads by role stays, someone else's removal
// takes only their membership, and a later page that adds the person again brings it back.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "client/client.h"
#include "store/database.h"
#include "store/message_store.h"
#include "support/outbox_driver.h"
#include "support/sync_fixtures.h"
#include "support/synced_store.h"
#include "sync/page_applier.h"
#include "sync/sync_page.h"

namespace parta {
namespace {

using nlohmann::json;
using testing::chatEvent;
using testing::membershipEvent;
using testing::messageEvent;
using testing::messageObject;
using testing::page;

constexpr std::int64_t kMe = 7;
constexpr std::int64_t kTeacher = 8;
constexpr std::int64_t kParentsChat = 1;
constexpr std::int64_t kSchoolChannel = 2;
constexpr std::int64_t kMyMessage = 102;
constexpr std::int64_t kPoll = 103;

json removal(std::int64_t chatId, std::int64_t userId) {
    return {{"type", "membershipRemoved"}, {"membershipRemoved", {{"chatId", chatId}, {"userId", userId}}}};
}

// A parent of a 5A pupil in 5A's parents' chat and in the school channel. The parents' chat
// carries every kind of row a chat has: messages, an attachment, a poll with votes, a read
// position, an edit waiting for its message, an invite and a join request.
json parentsChatEvents() {
    json withAttachment = messageObject(101, kParentsChat, kTeacher, "Экскурсия в музей, памятка во вложении");
    withAttachment["attachments"] = {{{"id", 55}, {"name", "pamyatka.pdf"}, {"mimeType", "application/pdf"}, {"sizeBytes", 4821}}};
    json poll = messageObject(kPoll, kParentsChat, kTeacher, "");
    poll["poll"] = {{"question", "Кто поедет в музей?"},
                    {"options", {{{"id", 1}, {"text", "Мы едем"}}, {{"id", 2}, {"text", "Не сможем"}}}}};
    return json::array({
        chatEvent(kParentsChat, "Родители 5А", "parents_chat", "5A"),
        membershipEvent(kParentsChat, kMe, "member"),
        membershipEvent(kParentsChat, kTeacher, "owner"),
        messageEvent(withAttachment),
        messageEvent(kMyMessage, kParentsChat, kMe, "Спасибо, будем в музее"),
        messageEvent(poll),
        {{"type", "pollVotes"}, {"pollVotes", {{"messageId", kPoll}, {"userId", kTeacher}, {"optionIds", {1}}}}},
        {{"type", "pollVotes"}, {"pollVotes", {{"messageId", kPoll}, {"userId", kMe}, {"optionIds", {1}}}}},
        {{"type", "readState"}, {"readState", {{"chatId", kParentsChat}, {"lastReadId", 101}}}},
        {{"type", "messageEdited"},
         {"messageEdited", {{"id", 190}, {"chatId", kParentsChat}, {"text", "Музей в субботу"}, {"editedAt", 5}}}},
        {{"type", "invite"},
         {"invite", {{"id", 5}, {"chatId", kParentsChat}, {"state", "active"}, {"createdBy", kTeacher}, {"createdAt", 1}, {"expiresAt", nullptr}}}},
        {{"type", "joinRequest"},
         {"joinRequest", {{"id", 9}, {"chatId", kParentsChat}, {"userId", 12}, {"state", "pending"}, {"createdAt", 2}}}},
    });
}

json everythingButTheParentsChat() {
    return json::array({
        testing::meEvent(json{{"userId", kMe}, {"roles", {"parent"}}, {"children", {{{"userId", 42}, {"classId", "5A"}}}}}),
        testing::userEvent(kMe, "Анна Петрова"),
        testing::userEvent(kTeacher, "Ольга Сергеевна", "teacher"),
        chatEvent(kSchoolChannel, "Общешкольный канал", "school_channel", ""),
        membershipEvent(kSchoolChannel, kMe, "readonly"),
        messageEvent(201, kSchoolChannel, kTeacher, "Экскурсия в музей для всей школы в пятницу"),
    });
}

json seedEvents() {
    json events = everythingButTheParentsChat();
    for (const json& event : parentsChatEvents()) events.push_back(event);
    return events;
}

// Message ids the search index itself holds for `word`, below the store's search and its join.
std::vector<std::int64_t> indexedRowsMatching(store::Database& database, const std::string& word) {
    std::vector<std::int64_t> rows;
    store::Statement& query = database.statement("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?1 ORDER BY rowid");
    query.bind(1, word);
    while (query.step()) rows.push_back(query.integer(0));
    query.reset();
    return rows;
}

// In id order, whatever the list's order by activity.
std::vector<std::int64_t> chatIds(const std::vector<store::ChatSummary>& chats) {
    std::vector<std::int64_t> ids;
    for (const store::ChatSummary& summary : chats) ids.push_back(summary.chat.id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::optional<store::Message> lastMessageOf(store::MessageStore& store, std::int64_t chatId) {
    for (const store::ChatSummary& summary : store.chats(10)) {
        if (summary.chat.id == chatId) return summary.lastMessage;
    }
    ADD_FAILURE() << "chat " << chatId << " is not listed";
    return std::nullopt;
}

std::vector<std::int64_t> searchHits(store::MessageStore& store, const std::string& query) {
    std::vector<std::int64_t> ids;
    for (const store::Message& message : store.search(query, {})) ids.push_back(message.id);
    return ids;
}

TEST(SyncOwnRemoval, LeavesTheStoreAsIfTheChatHadNeverBeenSynced) {
    testing::SyncedStore removed;
    removed.apply(page("c1", seedEvents()));
    removed.store.setDraft(kParentsChat, "Черновик про музей");
    removed.apply(page("c2", json::array({removal(kParentsChat, kMe)})));

    testing::SyncedStore neverSynced;
    neverSynced.apply(page("c2", everythingButTheParentsChat()));
    // Every table, the search index included: no row of the chat is left anywhere.
    EXPECT_EQ(removed.dump(), neverSynced.dump());
}

TEST(SyncOwnRemoval, SearchNeverFindsTheRemovedChatsText) {
    testing::SyncedStore store;
    store.apply(page("c1", seedEvents()));
    ASSERT_EQ(searchHits(store.store, "музей"), (std::vector<std::int64_t>{201, 101}));
    store.apply(page("c2", json::array({removal(kParentsChat, kMe)})));

    EXPECT_EQ(searchHits(store.store, "музей"), (std::vector<std::int64_t>{201}));
    EXPECT_EQ(searchHits(store.store, "памятка"), (std::vector<std::int64_t>{}));
    // Not merely filtered out by a join: the index holds no entry of the chat's messages.
    EXPECT_EQ(indexedRowsMatching(store.database, "музей"), (std::vector<std::int64_t>{201}));
    EXPECT_FALSE(store.store.hasChat(kParentsChat));
    EXPECT_TRUE(store.store.messages(kParentsChat, {}).empty());
    EXPECT_FALSE(store.store.message(101).has_value());
}

// A test-only trigger refuses user 999, so the page fails after the removal has run.
TEST(SyncOwnRemoval, IsPartOfThePagesTransactionAndGoesBackWithIt) {
    testing::SyncedStore store;
    store.apply(page("c1", seedEvents()));
    ASSERT_TRUE(store.database.execute("CREATE TEMP TRIGGER refuse_user_999 BEFORE INSERT ON users WHEN new.id = 999 "
                                       "BEGIN SELECT RAISE(ABORT, 'test constraint'); END;"));
    const std::string before = store.dump();

    const sync::SyncPageParse failing = sync::parseSyncPage(
        page("c2", json::array({removal(kParentsChat, kMe), testing::userEvent(999, "Отклонённый пользователь")})).dump());
    ASSERT_TRUE(failing.ok());
    EXPECT_FALSE(sync::applySyncPage(store.database, store.store, failing.page, std::nullopt));
    store.database.clearFailure();

    EXPECT_EQ(store.dump(), before);
    EXPECT_EQ(store.store.cursor(), "c1");
    EXPECT_EQ(searchHits(store.store, "памятка"), (std::vector<std::int64_t>{101}));
}

TEST(SyncOwnRemoval, SomeoneElsesRemovalTakesOnlyTheirMembership) {
    testing::SyncedStore store;
    store.apply(page("c1", seedEvents()));
    store.apply(page("c2", json::array({removal(kParentsChat, kTeacher)})));

    EXPECT_FALSE(store.store.membershipRole(kParentsChat, kTeacher).has_value());
    EXPECT_EQ(store.store.membershipRole(kParentsChat, kMe), "member");
    EXPECT_TRUE(store.store.hasChat(kParentsChat));
    EXPECT_EQ(store.store.messages(kParentsChat, {}).size(), 3u);
    EXPECT_EQ(searchHits(store.store, "памятка"), (std::vector<std::int64_t>{101}));
    EXPECT_EQ(store.store.lastReadId(kParentsChat), 101);
}

TEST(SyncOwnRemoval, ASchoolChannelThePersonStillReadsByRoleStays) {
    Client client;
    ASSERT_TRUE(client.applySync(page("c1", seedEvents()).dump(), 0).ok());
    ASSERT_TRUE(client.applySync(page("c2", json::array({removal(kSchoolChannel, kMe)})).dump(), 0).ok());

    EXPECT_EQ(chatIds(client.chats().value), (std::vector<std::int64_t>{kParentsChat, kSchoolChannel}));
    ASSERT_EQ(client.messages(kSchoolChannel, {}).value.size(), 1u);
    const std::vector<policy::Action> allowed = client.allowedActions(kSchoolChannel).value;
    EXPECT_NE(std::find(allowed.begin(), allowed.end(), policy::Action::Read), allowed.end());
}

TEST(SyncOwnRemoval, AChannelThePersonMayNotReadWithoutMembershipGoes) {
    Client client;
    json events = seedEvents();
    // Staff read the staff channel by role; a parent reads it only while a member, if at all.
    events.push_back(chatEvent(3, "Сотрудники", "staff_channel", ""));
    events.push_back(membershipEvent(3, kMe, "readonly"));
    events.push_back(messageEvent(301, 3, kTeacher, "Педсовет во вторник"));
    ASSERT_TRUE(client.applySync(page("c1", events).dump(), 0).ok());
    ASSERT_TRUE(client.applySync(page("c2", json::array({removal(3, kMe)})).dump(), 0).ok());

    EXPECT_EQ(chatIds(client.chats().value), (std::vector<std::int64_t>{kParentsChat, kSchoolChannel}));
    EXPECT_TRUE(client.search("педсовет", {}).value.empty());
}

TEST(SyncOwnRemoval, AResetSnapshotThatAddsThePersonAgainBringsTheChatBack) {
    testing::SyncedStore store;
    store.apply(page("c1", seedEvents()));
    const std::string synced = store.dump();
    store.apply(page("c2", json::array({removal(kParentsChat, kMe)})));

    json snapshot = json::array({{{"type", "reset"}}});
    for (const json& event : seedEvents()) snapshot.push_back(event);
    store.apply(page("c1", snapshot));
    EXPECT_EQ(store.dump(), synced);
}

TEST(SyncOwnRemoval, AMembershipThatAddsThePersonAgainBringsTheChatAndItsNewMessagesBack) {
    testing::SyncedStore store;
    store.apply(page("c1", seedEvents()));
    store.apply(page("c2", json::array({removal(kParentsChat, kMe)})));
    store.apply(page("c3", json::array({chatEvent(kParentsChat, "Родители 5А", "parents_chat", "5A"),
                                        membershipEvent(kParentsChat, kMe, "member"),
                                        messageEvent(150, kParentsChat, kTeacher, "С возвращением в музейный кружок")})));

    EXPECT_TRUE(store.store.hasChat(kParentsChat));
    EXPECT_EQ(store.store.membershipRole(kParentsChat, kMe), "member");
    const auto messages = store.store.messages(kParentsChat, {});
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].id, 150);
    EXPECT_EQ(searchHits(store.store, "музейный"), (std::vector<std::int64_t>{150}));
    const std::optional<store::Message> last = lastMessageOf(store.store, kParentsChat);
    ASSERT_TRUE(last.has_value());
    EXPECT_EQ(last->id, 150);
}

TEST(SyncOwnRemoval, ARemovalAndAReturnInOnePageLeaveTheChatWithWhatCameAfter) {
    testing::SyncedStore store;
    json events = seedEvents();
    events.push_back(removal(kParentsChat, kMe));
    events.push_back(chatEvent(kParentsChat, "Родители 5А", "parents_chat", "5A"));
    events.push_back(membershipEvent(kParentsChat, kMe, "member"));
    store.apply(page("c1", events));

    EXPECT_TRUE(store.store.hasChat(kParentsChat));
    EXPECT_TRUE(store.store.messages(kParentsChat, {}).empty());
    // The chat's newest message went with the removal: the list does not point at it.
    EXPECT_FALSE(lastMessageOf(store.store, kParentsChat).has_value());
}

class SyncOwnRemovalOutbox : public ::testing::Test {
protected:
    static ClientOptions options() {
        ClientOptions options;
        options.random = [] { return 0u; };
        return options;
    }

    void SetUp() override { ASSERT_TRUE(client.applySync(page("c1", seedEvents()).dump(), 0).ok()); }

    void removeMe() { ASSERT_TRUE(client.applySync(page("c2", json::array({removal(kParentsChat, kMe)})).dump(), 0).ok()); }

    Client client{options()};
};

TEST_F(SyncOwnRemovalOutbox, UnsentMessagesAndEditsFailAsNotMemberAndTheRestGoes) {
    const std::string message = client.enqueue(kParentsChat, "Мы тоже поедем", std::nullopt, 1000).value;
    const std::string edit = client.editMessage(kMyMessage, "Спасибо, будем в музее в субботу", 1000).value;
    ASSERT_TRUE(client.votePoll(kPoll, {2}, 1000).ok());
    ASSERT_TRUE(client.deleteMessage(kMyMessage, 1000).ok());
    ASSERT_TRUE(client.markRead(kParentsChat, kPoll, 1000).ok());
    const std::string elsewhere = client.enqueue(kSchoolChannel, "Спасибо за новость", std::nullopt, 1000).value;
    removeMe();

    const std::vector<store::OutboxItem> items = client.outbox().value;
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].clientId, message);
    EXPECT_EQ(items[1].clientId, edit);
    for (const store::OutboxItem& item : {items[0], items[1]}) {
        EXPECT_EQ(item.state, store::OutboxState::Failed);
        EXPECT_EQ(item.failureCode, "NOT_MEMBER");
    }
    EXPECT_EQ(items[2].clientId, elsewhere);
    EXPECT_EQ(items[2].state, store::OutboxState::Queued);

    // Nothing of the chat is sent on its own; the person may still discard what they wrote.
    std::int64_t now = 1000;
    const sync::HttpRequest next = testing::nextOutboxRequest(client, now);
    EXPECT_NE(next.body.find("Спасибо за новость"), std::string::npos);
    EXPECT_TRUE(client.discardUnsent(message).ok());
}

TEST_F(SyncOwnRemovalOutbox, AMessageInFlightWhenThePersonLeavesIsDoneWithoutBringingTheChatBack) {
    const std::string clientId = client.enqueue(kParentsChat, "Мы поедем в музей", std::nullopt, 1000).value;
    std::int64_t now = 1000;
    ASSERT_EQ(testing::nextOutboxRequest(client, now).kind, sync::RequestKind::SendMessage);
    removeMe();

    json copy = messageObject(160, kParentsChat, kMe, "Мы поедем в музей");
    copy["clientId"] = clientId;
    EXPECT_EQ(client.onSendResult(clientId, 201, json{{"message", copy}}.dump(), now).value, sync::SendOutcome::Accepted);
    EXPECT_TRUE(client.outbox().value.empty());
    EXPECT_EQ(chatIds(client.chats().value), (std::vector<std::int64_t>{kSchoolChannel}));
    std::vector<std::int64_t> hits;
    for (const store::Message& hit : client.search("поедем", {}).value) hits.push_back(hit.id);
    EXPECT_TRUE(hits.empty());
}

TEST_F(SyncOwnRemovalOutbox, AFailedMessageShowsAgainWhenThePersonIsAddedBack) {
    const std::string clientId = client.enqueue(kParentsChat, "Мы тоже поедем", std::nullopt, 1000).value;
    removeMe();
    json back = json::array({{{"type", "reset"}}});
    for (const json& event : seedEvents()) back.push_back(event);
    ASSERT_TRUE(client.applySync(page("c3", back).dump(), 0).ok());

    const std::vector<store::Message> messages = client.messages(kParentsChat, {}).value;
    ASSERT_FALSE(messages.empty());
    EXPECT_EQ(messages.back().clientId, clientId);
    EXPECT_EQ(messages.back().delivery, store::Delivery::Failed);
    EXPECT_EQ(messages.back().failureCode, "NOT_MEMBER");
    EXPECT_TRUE(client.retryUnsent(clientId, 2000).ok());
}

}  // namespace
}  // namespace parta
