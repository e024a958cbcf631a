// Edits, deletions, poll votes and read positions through the outbox (issue 13): shown at once,
// kept through a restart, sent exactly once in the chat's order, and refused by the policy with
// the server's reason codes.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include <unistd.h>

#include "client/client.h"
#include "support/outbox_driver.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

using testing::chatEvent;
using testing::membershipEvent;
using testing::messageEvent;
using testing::messageObject;
using testing::page;

constexpr std::int64_t kMe = 7;
constexpr std::int64_t kOtherParent = 8;
constexpr std::int64_t kParentsChat = 1;
constexpr std::int64_t kOtherChat = 2;
constexpr std::int64_t kMine = 101;
constexpr std::int64_t kAlsoMine = 102;
constexpr std::int64_t kTheirs = 103;
constexpr std::int64_t kPoll = 104;
constexpr std::int64_t kMineElsewhere = 201;

nlohmann::json pollMessage() {
    nlohmann::json message = messageObject(kPoll, kParentsChat, kOtherParent, "Экскурсия");
    message["poll"] = {{"question", "Кто поедет?"},
                       {"multipleChoice", false},
                       {"options", {{{"id", 1}, {"text", "Мы едем"}}, {{"id", 2}, {"text", "Не сможем"}}}}};
    return message;
}

nlohmann::json pollVotesEvent(std::int64_t userId, const std::vector<std::int64_t>& optionIds) {
    return {{"type", "pollVotes"}, {"pollVotes", {{"messageId", kPoll}, {"userId", userId}, {"optionIds", optionIds}}}};
}

// What the server answers to a change: the events it caused.
std::string changeAnswer(const nlohmann::json& events) { return nlohmann::json{{"events", events}}.dump(); }

nlohmann::json editedEvent(std::int64_t id, std::int64_t chatId, const std::string& text, std::int64_t editedAt) {
    return {{"type", "messageEdited"},
            {"messageEdited", {{"id", id}, {"chatId", chatId}, {"text", text}, {"editedAt", editedAt}}}};
}

std::string forbidden(const std::string& code) {
    return nlohmann::json{{"error", {{"code", code}, {"message", {{"ru", "Нельзя."}, {"en", "Not allowed."}}}}}}.dump();
}

class ClientOutboxChanges : public ::testing::Test {
protected:
    static ClientOptions options(const std::string& path = ":memory:") {
        ClientOptions options;
        options.databasePath = path;
        options.random = [] { return 0u; };
        return options;
    }

    static void syncSchool(Client& client) {
        const auto events = nlohmann::json::array({
            testing::meEvent({{"userId", kMe}, {"roles", {"parent"}}, {"children", {{{"userId", 42}, {"classId", "5A"}}}}}),
            chatEvent(kParentsChat, "Родители 5А", "parents_chat", "5A"),
            chatEvent(kOtherChat, "Родительский комитет", "management_chat", ""),
            membershipEvent(kParentsChat, kMe, "member"),
            membershipEvent(kOtherChat, kMe, "member"),
            messageEvent(kMine, kParentsChat, kMe, "Буду в 18:00"),
            messageEvent(kAlsoMine, kParentsChat, kMe, "Опечатка"),
            messageEvent(kTheirs, kParentsChat, kOtherParent, "Спасибо"),
            messageEvent(pollMessage()),
            pollVotesEvent(kMe, {1}),
            messageEvent(kMineElsewhere, kOtherChat, kMe, "Предлагаю собраться"),
        });
        ASSERT_TRUE(client.applySync(page("c1", events).dump(), 0).ok());
        // The first sync is done; what is due from here on is ours.
        client.nextRequest(0);
    }

    void SetUp() override { syncSchool(client); }

    store::Message shown(std::int64_t id, std::int64_t chatId = kParentsChat) {
        for (const store::Message& message : client.messages(chatId, {}).value) {
            if (message.id == id) return message;
        }
        ADD_FAILURE() << "message " << id << " not on the page";
        return {};
    }

    sync::HttpRequest nextSend(std::int64_t& now) { return testing::nextOutboxRequest(client, now); }

    Client client{options()};
};

TEST_F(ClientOutboxChanges, AnEditShowsAtOnceAndIsSentAsAnEditOfThatMessage) {
    const auto queued = client.editMessage(kMine, "Буду в 18:30", 1000);
    ASSERT_TRUE(queued.ok());
    const store::Message message = shown(kMine);
    EXPECT_EQ(message.text, "Буду в 18:30");
    ASSERT_TRUE(message.change.has_value());
    EXPECT_EQ(*message.change, store::Delivery::Sending);
    EXPECT_EQ(message.changeClientId, queued.value);

    std::int64_t now = 1000;
    const sync::HttpRequest request = nextSend(now);
    EXPECT_EQ(request.kind, sync::RequestKind::SendChange);
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.path, "/api/v1/messages/101/edit");
    EXPECT_EQ(request.clientId, queued.value);
    EXPECT_EQ(nlohmann::json::parse(request.body),
              (nlohmann::json{{"clientId", queued.value}, {"chatId", kParentsChat}, {"text", "Буду в 18:30"}}));
}

TEST_F(ClientOutboxChanges, TheServersAnswerAppliesTheChangeAndEmptiesTheOutbox) {
    const std::string clientId = client.editMessage(kMine, "Буду в 18:30", 1000).value;
    std::int64_t now = 1000;
    nextSend(now);
    const auto answer = changeAnswer(nlohmann::json::array({editedEvent(kMine, kParentsChat, "Буду в 18:30", 1700000500000)}));
    EXPECT_EQ(client.onSendResult(clientId, 200, answer, now).value, sync::SendOutcome::Confirmed);
    EXPECT_TRUE(client.outbox().value.empty());
    const store::Message message = shown(kMine);
    EXPECT_EQ(message.text, "Буду в 18:30");
    EXPECT_EQ(message.editedAt, 1700000500000);
    EXPECT_FALSE(message.change.has_value());
}

TEST_F(ClientOutboxChanges, AnAnswerWithoutEventsEndsTheChangeAndSyncBringsItsOutcome) {
    const std::string clientId = client.deleteMessage(kAlsoMine, 1000).value;
    std::int64_t now = 1000;
    nextSend(now);
    EXPECT_EQ(client.onSendResult(clientId, 204, "", now).value, sync::SendOutcome::Accepted);
    EXPECT_TRUE(client.outbox().value.empty());
}

// Events are validated as a page's are: one bad field and none of them is written.
TEST_F(ClientOutboxChanges, AnAnswerWithAnInvalidEventWritesNothingOfIt) {
    const std::string clientId = client.editMessage(kMine, "Буду в 18:30", 1000).value;
    std::int64_t now = 1000;
    nextSend(now);
    auto events = nlohmann::json::array({editedEvent(kMine, kParentsChat, "Буду в 18:30", 1700000500000),
                                         editedEvent(kAlsoMine, kParentsChat, "Чужое", 1700000500000)});
    events[1]["messageEdited"]["chatId"] = "1";
    EXPECT_EQ(client.onSendResult(clientId, 200, changeAnswer(events), now).value, sync::SendOutcome::Accepted);
    EXPECT_EQ(shown(kMine).text, "Буду в 18:00");
    EXPECT_EQ(shown(kAlsoMine).text, "Опечатка");
}

TEST_F(ClientOutboxChanges, ADroppedAnswerIsRetriedWithTheSameBody) {
    const std::string clientId = client.deleteMessage(kAlsoMine, 1000).value;
    std::int64_t now = 1000;
    const sync::HttpRequest first = nextSend(now);
    EXPECT_EQ(first.path, "/api/v1/messages/102/delete");
    EXPECT_EQ(client.onSendResult(clientId, 0, "", now).value, sync::SendOutcome::WillRetry);
    EXPECT_TRUE(shown(kAlsoMine).deleted);  // still shown as the user left it
    const sync::HttpRequest second = nextSend(now);
    EXPECT_EQ(second.path, first.path);
    EXPECT_EQ(second.body, first.body);
}

TEST_F(ClientOutboxChanges, ChangesGoInTheOrderTheyWereMadeOneAtATimePerChat) {
    const std::string message = client.enqueue(kParentsChat, "Новое", std::nullopt, 1000).value;
    const std::string edit = client.editMessage(kMine, "Буду в 19:00", 1000).value;
    const std::string deletion = client.deleteMessage(kAlsoMine, 1000).value;
    const std::string elsewhere = client.editMessage(kMineElsewhere, "Собираемся в среду", 1000).value;

    std::int64_t now = 1000;
    // The other chat's change does not wait for this chat's queue.
    EXPECT_EQ(nextSend(now).clientId, message);
    EXPECT_EQ(nextSend(now).clientId, elsewhere);
    EXPECT_EQ(client.nextRequest(now).kind, sync::RequestKind::None);  // each chat has one in flight

    auto copy = messageObject(105, kParentsChat, kMe, "Новое");
    copy["clientId"] = message;
    ASSERT_EQ(client.onSendResult(message, 201, nlohmann::json{{"message", copy}}.dump(), now).value,
              sync::SendOutcome::Confirmed);
    EXPECT_EQ(nextSend(now).clientId, edit);
    ASSERT_EQ(client.onSendResult(edit, 200, changeAnswer(nlohmann::json::array({editedEvent(kMine, kParentsChat, "Буду в 19:00", 1700000600000)})), now).value,
              sync::SendOutcome::Confirmed);
    EXPECT_EQ(nextSend(now).clientId, deletion);
}

TEST_F(ClientOutboxChanges, ARefusedChangeIsKeptAsFailedAndTheMessageShowsWhatTheServerHas) {
    const std::string clientId = client.editMessage(kMine, "Буду в 18:30", 1000).value;
    std::int64_t now = 1000;
    nextSend(now);
    EXPECT_EQ(client.onSendResult(clientId, 403, forbidden("READ_ONLY_MEMBER"), now).value, sync::SendOutcome::Failed);
    store::Message message = shown(kMine);
    EXPECT_EQ(message.text, "Буду в 18:00");
    ASSERT_TRUE(message.change.has_value());
    EXPECT_EQ(*message.change, store::Delivery::Failed);
    EXPECT_EQ(message.changeFailureCode, "READ_ONLY_MEMBER");

    ASSERT_TRUE(client.retryUnsent(clientId, now).ok());
    EXPECT_EQ(shown(kMine).text, "Буду в 18:30");
    EXPECT_EQ(nextSend(now).clientId, clientId);
    EXPECT_EQ(client.onSendResult(clientId, 403, forbidden("READ_ONLY_MEMBER"), now).value, sync::SendOutcome::Failed);
    ASSERT_TRUE(client.discardUnsent(clientId).ok());
    message = shown(kMine);
    EXPECT_EQ(message.text, "Буду в 18:00");
    EXPECT_FALSE(message.change.has_value());
    EXPECT_TRUE(client.outbox().value.empty());
}

TEST_F(ClientOutboxChanges, AQueuedEditTakesANewTextButADeletionHasNone) {
    const std::string edit = client.editMessage(kMine, "Буду в 18:30", 1000).value;
    ASSERT_TRUE(client.editUnsent(edit, "Буду в 18:45", 1000).ok());
    EXPECT_EQ(shown(kMine).text, "Буду в 18:45");
    const std::string deletion = client.deleteMessage(kAlsoMine, 1000).value;
    EXPECT_EQ(errorCode(client.editUnsent(deletion, "текст", 1000).error->code), "NOT_EDITABLE");
}

TEST_F(ClientOutboxChanges, ADeletionShowsTheMessageDeletedEverywhereAndSearchNoLongerFindsIt) {
    ASSERT_EQ(client.search("Опечатка", {}).value.size(), 1u);
    ASSERT_TRUE(client.deleteMessage(kAlsoMine, 1000).ok());
    const store::Message message = shown(kAlsoMine);
    EXPECT_TRUE(message.deleted);
    EXPECT_EQ(message.text, "");
    EXPECT_TRUE(client.search("Опечатка", {}).value.empty());
    EXPECT_EQ(errorCode(client.editMessage(kAlsoMine, "Исправлено", 1000).error->code), "MESSAGE_DELETED");
    EXPECT_EQ(errorCode(client.deleteMessage(kAlsoMine, 1000).error->code), "MESSAGE_DELETED");
}

TEST_F(ClientOutboxChanges, TheChatListShowsAPendingEditOfTheLastMessage) {
    ASSERT_TRUE(client.editMessage(kMineElsewhere, "Собираемся в среду", 1000).ok());
    for (const store::ChatSummary& summary : client.chats().value) {
        if (summary.chat.id != kOtherChat) continue;
        ASSERT_TRUE(summary.lastMessage.has_value());
        EXPECT_EQ(summary.lastMessage->text, "Собираемся в среду");
    }
}

TEST_F(ClientOutboxChanges, AVoteCountsAtOnceInPlaceOfTheSyncedOne) {
    ASSERT_TRUE(client.votePoll(kPoll, {2}, 1000).ok());
    const store::Message message = shown(kPoll);
    ASSERT_TRUE(message.poll.has_value());
    ASSERT_EQ(message.poll->options.size(), 2u);
    EXPECT_EQ(message.poll->options[0].votes, 0);
    EXPECT_FALSE(message.poll->options[0].chosenByMe);
    EXPECT_EQ(message.poll->options[1].votes, 1);
    EXPECT_TRUE(message.poll->options[1].chosenByMe);

    std::int64_t now = 1000;
    const sync::HttpRequest request = nextSend(now);
    EXPECT_EQ(request.path, "/api/v1/messages/104/votes");
    EXPECT_EQ(nlohmann::json::parse(request.body).at("optionIds"), nlohmann::json::array({2}));
}

TEST_F(ClientOutboxChanges, AWithdrawnVoteCountsForNoOption) {
    ASSERT_TRUE(client.votePoll(kPoll, {}, 1000).ok());
    const store::Message message = shown(kPoll);
    ASSERT_TRUE(message.poll.has_value());
    for (const store::PollOption& option : message.poll->options) {
        EXPECT_EQ(option.votes, 0);
        EXPECT_FALSE(option.chosenByMe);
    }
}

TEST_F(ClientOutboxChanges, AVoteMustNameOptionsOfThePollAndOnlyOneInASingleChoicePoll) {
    EXPECT_EQ(errorCode(client.votePoll(kPoll, {1, 2}, 1000).error->code), "BAD_POLL_CHOICE");
    EXPECT_EQ(errorCode(client.votePoll(kPoll, {3}, 1000).error->code), "BAD_POLL_CHOICE");
    EXPECT_EQ(errorCode(client.votePoll(kMine, {1}, 1000).error->code), "BAD_POLL_CHOICE");
    EXPECT_EQ(errorCode(client.votePoll(999, {1}, 1000).error->code), "UNKNOWN_MESSAGE");
    EXPECT_TRUE(client.outbox().value.empty());
}

TEST_F(ClientOutboxChanges, ReadPositionsQueueOncePerChatAndOnlyMoveForward) {
    ASSERT_TRUE(client.markRead(kParentsChat, kMine, 1000).ok());
    ASSERT_TRUE(client.markRead(kParentsChat, kTheirs, 1000).ok());
    ASSERT_TRUE(client.markRead(kParentsChat, kMine, 1000).ok());  // behind: nothing to send
    const auto outbox = client.outbox().value;
    ASSERT_EQ(outbox.size(), 1u);
    EXPECT_EQ(outbox[0].kind, store::OutboxKind::ReadPosition);
    EXPECT_EQ(outbox[0].messageId, kTheirs);

    std::int64_t now = 1000;
    const sync::HttpRequest request = nextSend(now);
    EXPECT_EQ(request.path, "/api/v1/chats/1/read");
    EXPECT_EQ(nlohmann::json::parse(request.body),
              (nlohmann::json{{"clientId", outbox[0].clientId}, {"lastReadId", kTheirs}}));
    // In flight it is the server's: a newer position queues after it.
    ASSERT_TRUE(client.markRead(kParentsChat, kPoll, now).ok());
    EXPECT_EQ(client.outbox().value.size(), 2u);
}

TEST_F(ClientOutboxChanges, EditingSomeoneElsesMessageIsRefused) {
    EXPECT_EQ(errorCode(client.editMessage(kTheirs, "Не моё", 1000).error->code), "NOT_OWN_MESSAGE");
    EXPECT_EQ(errorCode(client.editMessage(999, "Нет такого", 1000).error->code), "UNKNOWN_MESSAGE");
    EXPECT_EQ(errorCode(client.editMessage(kMine, " ", 1000).error->code), "EMPTY_TEXT");
    EXPECT_TRUE(client.outbox().value.empty());
}

// A parent moderates nothing: deleting another parent's message is delete_any, which the
// policy refuses with its own reason, the code the server's 403 carries.
TEST_F(ClientOutboxChanges, DeletingSomeoneElsesMessageIsModerationAndThePolicyRefusesItWithItsReason) {
    const auto refused = client.deleteMessage(kTheirs, 1000);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error->code, ClientErrorCode::NotAllowed);
    ASSERT_TRUE(refused.error->refusal.has_value());
    EXPECT_EQ(errorCode(*refused.error), policy::reasonCode(*refused.error->refusal));
    EXPECT_EQ(refused.error->detail, "delete_any");
    EXPECT_TRUE(client.outbox().value.empty());
}

TEST_F(ClientOutboxChanges, AReadOnlyMemberMayNotEditEvenTheirOwnMessage) {
    ASSERT_TRUE(client.applySync(page("c2", nlohmann::json::array({membershipEvent(kParentsChat, kMe, "readonly")})).dump(), 0).ok());
    const auto refused = client.editMessage(kMine, "Буду в 18:30", 1000);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(errorCode(*refused.error), "READ_ONLY_MEMBER");
}

TEST(ClientOutboxChangesOnDisk, PendingChangesSurviveARestartAndAreStillShown) {
    const std::string path =
        (std::filesystem::temp_directory_path() / ("parta_outbox_changes_" + std::to_string(::getpid()) + ".sqlite")).string();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    std::string edit;
    {
        ClientOptions options;
        options.databasePath = path;
        Client client(options);
        const auto events = nlohmann::json::array({
            testing::meEvent({{"userId", kMe}, {"roles", {"parent"}}, {"children", {{{"userId", 42}, {"classId", "5A"}}}}}),
            chatEvent(kParentsChat, "Родители 5А", "parents_chat", "5A"),
            membershipEvent(kParentsChat, kMe, "member"),
            messageEvent(kMine, kParentsChat, kMe, "Буду в 18:00"),
            messageEvent(kAlsoMine, kParentsChat, kMe, "Опечатка"),
        });
        ASSERT_TRUE(client.applySync(page("c1", events).dump(), 0).ok());
        edit = client.editMessage(kMine, "Буду в 18:30", 1000).value;
        ASSERT_TRUE(client.deleteMessage(kAlsoMine, 1000).ok());
        // The edit was in flight when the app stopped.
        ASSERT_EQ(client.nextRequest(1000).clientId, edit);
    }
    ClientOptions options;
    options.databasePath = path;
    Client client(options);
    const auto outbox = client.outbox().value;
    ASSERT_EQ(outbox.size(), 2u);
    EXPECT_EQ(outbox[0].kind, store::OutboxKind::Edit);
    EXPECT_EQ(outbox[0].state, store::OutboxState::Queued);
    EXPECT_EQ(outbox[1].kind, store::OutboxKind::Delete);
    const auto page = client.messages(kParentsChat, {}).value;
    ASSERT_EQ(page.size(), 2u);
    EXPECT_EQ(page[0].text, "Буду в 18:30");
    EXPECT_TRUE(page[1].deleted);
    EXPECT_EQ(client.nextRequest(2000).clientId, edit);
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace
}  // namespace parta
