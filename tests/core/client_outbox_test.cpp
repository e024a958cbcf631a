// The outbox through the Client facade: visible at once, sent in order per chat, retried
// with backoff, deduplicated by clientId, never silently dropped.
#include <gtest/gtest.h>

#include <cstdio>

#include "client/client.h"
#include "support/outbox_driver.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

using testing::chatEvent;
using testing::messageEvent;
using testing::messageObject;
using testing::page;

constexpr std::int64_t kMe = 7;

class ClientOutbox : public ::testing::Test {
protected:
    static ClientOptions options() {
        ClientOptions options;
        options.random = [] { return 0u; };  // the bottom of every jitter band
        // The sync after the first page waits, out of the way of these tests' sends, as it
        // would against a server that does not hold requests open.
        options.pollIntervalMs = 30000;
        return options;
    }

    void SetUp() override {
        const auto events = nlohmann::json::array(
            {testing::meEvent(kMe), chatEvent(1, "5Б"), chatEvent(2, "Родительский комитет"), messageEvent(100, 1, 8, "Привет")});
        ASSERT_TRUE(client.applySync(page("c1", events).dump(), 0).ok());
    }

    std::string enqueue(std::int64_t chatId, const std::string& text, std::int64_t nowMs = 1000) {
        const auto result = client.enqueue(chatId, text, std::nullopt, nowMs);
        EXPECT_TRUE(result.ok());
        return result.value;
    }

    // The server's answer to POST /api/v1/messages for `clientId`.
    static std::string accepted(std::int64_t id, std::int64_t chatId, const std::string& clientId, const std::string& text) {
        auto message = messageObject(id, chatId, kMe, text);
        message["clientId"] = clientId;
        return nlohmann::json{{"message", message}}.dump();
    }

    sync::HttpRequest nextSend(std::int64_t& now) { return testing::nextOutboxRequest(client, now); }

    Client client{options()};
};

TEST_F(ClientOutbox, EnqueuedMessageIsVisibleAtOnceAsSending) {
    const std::string clientId = enqueue(1, "Спасибо!");
    const auto messages = client.messages(1, {}).value;
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[1].clientId, clientId);
    EXPECT_EQ(messages[1].text, "Спасибо!");
    EXPECT_EQ(messages[1].delivery, store::Delivery::Sending);
    EXPECT_EQ(messages[1].senderId, kMe);
    EXPECT_EQ(messages[1].id, 0);
}

TEST_F(ClientOutbox, ClientIdsAreDistinctVersion4Uuids) {
    const std::string first = enqueue(1, "раз");
    const std::string second = enqueue(1, "два");
    EXPECT_NE(first, second);
    ASSERT_EQ(first.size(), 36u);
    EXPECT_EQ(first[14], '4');
}

TEST_F(ClientOutbox, RejectsEmptyTooLongAndUnknownChat) {
    EXPECT_EQ(errorCode(client.enqueue(1, "  \n", std::nullopt, 0).error->code), "EMPTY_TEXT");
    EXPECT_EQ(errorCode(client.enqueue(1, std::string(4097, 'a'), std::nullopt, 0).error->code), "TEXT_TOO_LONG");
    EXPECT_EQ(errorCode(client.enqueue(99, "кому?", std::nullopt, 0).error->code), "UNKNOWN_CHAT");
    EXPECT_TRUE(client.outbox().value.empty());
}

TEST_F(ClientOutbox, NextRequestIsAPostWithTheIdempotencyKey) {
    client.nextRequest(0);  // the initial sync is already done; drain it
    const std::string clientId = enqueue(1, "Буду в 18:00");
    const sync::HttpRequest request = client.nextRequest(1000);
    ASSERT_EQ(request.kind, sync::RequestKind::SendMessage);
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.path, "/api/v1/messages");
    EXPECT_EQ(request.clientId, clientId);
    EXPECT_EQ(nlohmann::json::parse(request.body),
              (nlohmann::json{{"clientId", clientId}, {"chatId", 1}, {"text", "Буду в 18:00"}, {"replyTo", nullptr}}));
}

// The server dedupes on the body's clientId, not on request.clientId (which only JS reads),
// so exactly-once needs every attempt to carry the very same body as the first.
TEST_F(ClientOutbox, RetriesAfterNoAnswerServerErrorsAndTimeoutsSendTheFirstAttemptsBody) {
    const std::string clientId = enqueue(1, "Буду в 18:00");
    std::int64_t now = 1000;
    const sync::HttpRequest first = nextSend(now);
    ASSERT_EQ(first.clientId, clientId);
    const nlohmann::json body = nlohmann::json::parse(first.body);
    ASSERT_EQ(body["clientId"], clientId);

    for (const int status : {0, 503, 408, 500, 504}) {
        ASSERT_EQ(client.onSendResult(clientId, status, "", now).value, sync::SendOutcome::WillRetry) << status;
        const std::int64_t failedAt = now;
        const sync::HttpRequest retry = nextSend(now);
        EXPECT_GT(now, failedAt) << "no backoff after " << status;
        EXPECT_EQ(retry.clientId, clientId) << "after " << status;
        EXPECT_EQ(nlohmann::json::parse(retry.body), body) << "after " << status;
    }
}

TEST_F(ClientOutbox, SendsTheSameBodyAfterARestartWhetherTheItemWasInFlightOrWaitingToRetry) {
    const std::string path = ::testing::TempDir() + "parta_outbox_restart_body.sqlite";
    std::remove(path.c_str());
    ClientOptions fileOptions = options();
    fileOptions.databasePath = path;
    std::string clientId;
    nlohmann::json body;
    {
        Client first(fileOptions);
        ASSERT_TRUE(first.applySync(page("c1", nlohmann::json::array({chatEvent(1, "5Б")})).dump(), 0).ok());
        clientId = first.enqueue(1, "Отправлено перед закрытием", std::nullopt, 1000).value;
        const sync::HttpRequest request = first.nextRequest(1000);
        ASSERT_EQ(request.clientId, clientId);
        body = nlohmann::json::parse(request.body);
        ASSERT_EQ(body["clientId"], clientId);
    }
    {
        Client second(fileOptions);  // the item was in flight when the app stopped
        const sync::HttpRequest request = second.nextRequest(2000);
        ASSERT_EQ(request.clientId, clientId);
        EXPECT_EQ(nlohmann::json::parse(request.body), body);
        ASSERT_EQ(second.onSendResult(clientId, 503, "", 2000).value, sync::SendOutcome::WillRetry);
    }
    Client third(fileOptions);  // the item was queued for a retry when the app stopped
    const sync::HttpRequest request = third.nextRequest(1'000'000);
    ASSERT_EQ(request.clientId, clientId);
    EXPECT_EQ(nlohmann::json::parse(request.body), body);
    third.wipe();
}

TEST_F(ClientOutbox, SendsOneItemPerChatAtATimeInTheOrderWritten) {
    const std::string a1 = enqueue(1, "первое");
    const std::string a2 = enqueue(1, "второе");
    const std::string b1 = enqueue(2, "в другой чат");

    EXPECT_EQ(client.nextRequest(1000).clientId, a1);
    EXPECT_EQ(client.nextRequest(1000).clientId, b1);  // chat 1 is busy with a1
    EXPECT_EQ(client.nextRequest(1000).kind, sync::RequestKind::None);

    EXPECT_EQ(client.onSendResult(a1, 200, accepted(101, 1, a1, "первое"), 1100).value, sync::SendOutcome::Confirmed);
    EXPECT_EQ(client.nextRequest(1100).clientId, a2);
}

TEST_F(ClientOutbox, RetriesTransientFailuresWithBackoffKeepingTheOrder) {
    const std::string a1 = enqueue(1, "первое");
    const std::string a2 = enqueue(1, "второе");
    ASSERT_EQ(client.nextRequest(1000).clientId, a1);

    // 503, then no network, then 429: delays 0.5 s, 1 s, 2 s at the bottom of the band.
    const std::vector<std::pair<int, std::int64_t>> failures = {{503, 500}, {0, 1000}, {429, 2000}};
    std::int64_t now = 1000;
    for (const auto& [status, delay] : failures) {
        EXPECT_EQ(client.onSendResult(a1, status, "", now).value, sync::SendOutcome::WillRetry);
        client.nextRequest(now);  // may hand out the sync request; never a2 before a1
        const sync::HttpRequest waiting = client.nextRequest(now);
        EXPECT_EQ(waiting.kind, sync::RequestKind::None);
        EXPECT_EQ(waiting.wakeAtMs, now + delay);
        now += delay;
        ASSERT_EQ(client.nextRequest(now).clientId, a1);
        client.applySync(page("c1", nlohmann::json::array()).dump(), now);
    }
    EXPECT_EQ(client.outbox().value[0].attempts, 3);
    EXPECT_EQ(client.onSendResult(a1, 201, "{}", now).value, sync::SendOutcome::Accepted);
    EXPECT_EQ(client.nextRequest(now).clientId, a2);
}

TEST_F(ClientOutbox, ReconnectingSendsWhatWaitsOutABackoffAtOnce) {
    const std::string a1 = enqueue(1, "написано без сети");
    ASSERT_EQ(client.nextRequest(1000).clientId, a1);
    ASSERT_EQ(client.onSendResult(a1, 0, "", 1000).value, sync::SendOutcome::WillRetry);
    client.nextRequest(1000);  // the sync due after the first page
    ASSERT_EQ(client.nextRequest(1000).kind, sync::RequestKind::None);

    ASSERT_TRUE(client.reconnected(1001).ok());
    const sync::HttpRequest resent = client.nextRequest(1001);
    EXPECT_EQ(resent.kind, sync::RequestKind::SendMessage);
    EXPECT_EQ(resent.clientId, a1);
    // The sync is due at once too, however far its own backoff had got.
    EXPECT_EQ(client.nextRequest(1001).kind, sync::RequestKind::Sync);
}

TEST_F(ClientOutbox, ReconnectingLeavesFailedItemsForThePersonToDecide) {
    const std::string refused = enqueue(1, "нельзя");
    ASSERT_EQ(client.nextRequest(1000).clientId, refused);
    ASSERT_EQ(client.onSendResult(refused, 403, R"({"error":{"code":"NOT_MEMBER"}})", 1000).value, sync::SendOutcome::Failed);
    ASSERT_TRUE(client.reconnected(1001).ok());
    EXPECT_NE(client.nextRequest(1001).kind, sync::RequestKind::SendMessage);
    EXPECT_EQ(client.outbox().value.at(0).state, store::OutboxState::Failed);
}

TEST_F(ClientOutbox, AnEndedSessionKeepsTheMessageForTheNextSignIn) {
    const std::string clientId = enqueue(1, "написано до выхода");
    ASSERT_EQ(client.nextRequest(1000).clientId, clientId);
    EXPECT_EQ(client.onSendResult(clientId, 401, R"({"error":{"code":"SESSION_ENDED"}})", 1000).value,
              sync::SendOutcome::WillRetry);
    EXPECT_EQ(client.outbox().value.at(0).state, store::OutboxState::Queued);
}

TEST_F(ClientOutbox, SyncEchoReplacesThePendingRowWithoutDuplicate) {
    const std::string clientId = enqueue(1, "Принято, спасибо");
    ASSERT_EQ(client.nextRequest(1000).clientId, clientId);
    ASSERT_EQ(client.onSendResult(clientId, 200, "not json", 1000).value, sync::SendOutcome::Accepted);
    EXPECT_EQ(client.messages(1, {}).value.back().delivery, store::Delivery::Accepted);

    auto echo = messageObject(101, 1, kMe, "Принято, спасибо");
    echo["clientId"] = clientId;
    ASSERT_TRUE(client.applySync(page("c2", nlohmann::json::array({messageEvent(echo)})).dump(), 2000).ok());

    const auto messages = client.messages(1, {}).value;
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[1].id, 101);
    EXPECT_EQ(messages[1].clientId, clientId);
    EXPECT_EQ(messages[1].delivery, store::Delivery::Delivered);
    EXPECT_TRUE(client.outbox().value.empty());
}

TEST_F(ClientOutbox, ServerCopyInTheAnswerConfirmsAndALaterEchoAddsNothing) {
    const std::string clientId = enqueue(1, "Хорошо");
    client.nextRequest(1000);
    ASSERT_EQ(client.onSendResult(clientId, 201, accepted(101, 1, clientId, "Хорошо"), 1000).value,
              sync::SendOutcome::Confirmed);
    auto echo = messageObject(101, 1, kMe, "Хорошо");
    echo["clientId"] = clientId;
    ASSERT_TRUE(client.applySync(page("c2", nlohmann::json::array({messageEvent(echo)})).dump(), 2000).ok());
    EXPECT_EQ(client.messages(1, {}).value.size(), 2u);
    EXPECT_EQ(client.onSendResult(clientId, 200, "", 2000).value, sync::SendOutcome::AlreadyGone);
}

TEST_F(ClientOutbox, PermanentRejectionKeepsTheItemAsFailedWithTheReason) {
    const std::string clientId = enqueue(1, "Можно вопрос?");
    client.nextRequest(1000);
    const std::string body = R"({"error": {"code": "NOT_ALLOWED_TO_WRITE", "message": {"ru": "…", "en": "…"}}})";
    EXPECT_EQ(client.onSendResult(clientId, 403, body, 1000).value, sync::SendOutcome::Failed);

    const auto item = client.outbox().value.at(0);
    EXPECT_EQ(item.state, store::OutboxState::Failed);
    EXPECT_EQ(item.failureCode, "NOT_ALLOWED_TO_WRITE");
    EXPECT_EQ(item.httpStatus, 403);
    const auto shown = client.messages(1, {}).value.back();
    EXPECT_EQ(shown.delivery, store::Delivery::Failed);
    EXPECT_EQ(shown.failureCode, "NOT_ALLOWED_TO_WRITE");
    client.nextRequest(1000);  // the sync
    EXPECT_EQ(client.nextRequest(1'000'000).kind, sync::RequestKind::Sync);  // never the failed item
}

TEST_F(ClientOutbox, RejectionWithoutACodeIsNamedByItsStatus) {
    const std::string clientId = enqueue(1, "текст");
    client.nextRequest(1000);
    client.onSendResult(clientId, 413, "<html>Too large</html>", 1000);
    EXPECT_EQ(client.outbox().value.at(0).failureCode, "HTTP_413");
}

TEST_F(ClientOutbox, FailedItemCanBeEditedAndSentAgainOrDiscarded) {
    const std::string first = enqueue(1, "Черновой текст");
    const std::string second = enqueue(2, "Ещё одно");
    client.nextRequest(1000);
    client.nextRequest(1000);
    client.onSendResult(first, 400, "", 1000);
    client.onSendResult(second, 403, "", 1000);

    ASSERT_TRUE(client.editUnsent(first, "Исправленный текст", 2000).ok());
    const sync::HttpRequest request = client.nextRequest(2000);
    EXPECT_EQ(request.clientId, first);
    EXPECT_EQ(nlohmann::json::parse(request.body)["text"], "Исправленный текст");

    ASSERT_TRUE(client.discardUnsent(second).ok());
    EXPECT_EQ(client.outbox().value.size(), 1u);
    EXPECT_EQ(errorCode(client.discardUnsent(first).error->code), "NOT_EDITABLE");  // in flight
}

TEST_F(ClientOutbox, InFlightItemsAreSentAgainAfterARestart) {
    const std::string path = ::testing::TempDir() + "parta_outbox_restart.sqlite";
    std::remove(path.c_str());
    ClientOptions fileOptions = options();
    fileOptions.databasePath = path;
    std::string clientId;
    {
        Client first(fileOptions);
        ASSERT_TRUE(first.applySync(page("c1", nlohmann::json::array({chatEvent(1, "5Б")})).dump(), 0).ok());
        clientId = first.enqueue(1, "Отправлено перед закрытием", std::nullopt, 1000).value;
        ASSERT_EQ(first.nextRequest(1000).clientId, clientId);
    }
    Client second(fileOptions);
    ASSERT_FALSE(second.openError());
    EXPECT_EQ(second.nextRequest(1000).clientId, clientId);
    second.wipe();
}

TEST_F(ClientOutbox, NextRequestStartsWithSyncAndFollowsMoreWithoutWaiting) {
    ClientOptions defaults;
    defaults.random = [] { return 0u; };
    Client fresh{defaults};
    const sync::HttpRequest first = fresh.nextRequest(0);
    EXPECT_EQ(first.kind, sync::RequestKind::Sync);
    EXPECT_EQ(first.path, "/api/v1/sync?limit=1000");
    EXPECT_EQ(fresh.nextRequest(0).kind, sync::RequestKind::None);  // one sync at a time
    ASSERT_TRUE(fresh.applySync(page("c5", nlohmann::json::array(), true).dump(), 10).ok());
    EXPECT_EQ(fresh.nextRequest(10).path, "/api/v1/sync?since=c5&limit=1000");
    ASSERT_TRUE(fresh.applySync(page("c6", nlohmann::json::array(), false).dump(), 20).ok());
    // The server's long-poll is the wait: the next sync goes at once.
    EXPECT_EQ(fresh.nextRequest(20).path, "/api/v1/sync?since=c6&limit=1000");
}

TEST_F(ClientOutbox, FailedSyncIsRetriedWithBackoff) {
    Client fresh{options()};
    ASSERT_EQ(fresh.nextRequest(0).kind, sync::RequestKind::Sync);
    fresh.onSyncFailed(0, 100);
    EXPECT_EQ(fresh.nextRequest(100).wakeAtMs, 600);
    EXPECT_EQ(fresh.nextRequest(600).kind, sync::RequestKind::Sync);
}

TEST_F(ClientOutbox, ReadMarkersAndDraftsPersistLocally) {
    ASSERT_TRUE(client.setDraft(1, "Напишу позже").ok());
    EXPECT_EQ(client.draft(1).value, "Напишу позже");
    EXPECT_EQ(client.chats().value.at(0).draft, "Напишу позже");
    EXPECT_EQ(client.chats().value.at(0).unreadCount, 1);
    ASSERT_TRUE(client.markRead(1, 100, 0).ok());
    EXPECT_EQ(client.chats().value.at(0).unreadCount, 0);
    ASSERT_TRUE(client.setDraft(1, "").ok());
    EXPECT_EQ(client.draft(1).value, "");
}

TEST_F(ClientOutbox, WipeLeavesNothingOfTheUser) {
    enqueue(1, "личное");
    client.setDraft(2, "черновик");
    ASSERT_TRUE(client.wipe().ok());
    EXPECT_TRUE(client.chats().value.empty());
    EXPECT_TRUE(client.outbox().value.empty());
    EXPECT_TRUE(client.messages(1, {}).value.empty());
    EXPECT_TRUE(client.search("личное", {}).value.empty());
    EXPECT_EQ(client.draft(2).value, "");
    EXPECT_EQ(client.nextRequest(0).path, "/api/v1/sync?limit=1000");
}

TEST(ClientOpen, UnopenableDatabaseGivesStoreUnavailableFromEveryCall) {
    ClientOptions options;
    options.databasePath = "/nonexistent-directory/parta.sqlite";
    Client client(options);
    ASSERT_TRUE(client.openError());
    EXPECT_EQ(errorCode(client.openError()->code), "STORE_UNAVAILABLE");
    EXPECT_EQ(errorCode(client.chats().error->code), "STORE_UNAVAILABLE");
    EXPECT_EQ(client.nextRequest(0).kind, sync::RequestKind::None);
    EXPECT_FALSE(errorMessage(ClientErrorCode::StoreUnavailable).ru.empty());
    EXPECT_FALSE(errorMessage(ClientErrorCode::StoreUnavailable).en.empty());
}

}  // namespace
}  // namespace parta
