// Core's real Client against the real server: each nextRequest is performed over HTTP and the
// answer handed back, as JS does (issue 13).
#include <gtest/gtest.h>

#include <algorithm>

#include "client/client.h"
#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

using CoreClientTest = SchoolFixture;

// Performs what the client asks for, as web/ does with fetch.
sync::RequestKind perform(Client& client, HttpClient& http, std::int64_t nowMs) {
    const sync::HttpRequest request = client.nextRequest(nowMs);
    if (request.kind == sync::RequestKind::Sync) {
        const HttpAnswer answer = http.get(request.path);
        if (answer.status == 200) {
            const Result<SyncApplied> applied = client.applySync(answer.body, nowMs);
            EXPECT_TRUE(applied.ok()) << applied.error->detail;
        } else {
            client.onSyncFailed(answer.status, nowMs);
        }
    } else if (request.kind == sync::RequestKind::SendMessage) {
        const HttpAnswer answer = http.request(request.method, request.path, request.body);
        EXPECT_TRUE(client.onSendResult(request.clientId, answer.status, answer.body, nowMs).ok());
    }
    return request.kind;
}

TEST_F(CoreClientTest, SyncsSendsExactlyOnceAndShowsThePolicysRefusal) {
    HttpClient teacher = signedIn(classTeacher);
    ASSERT_EQ(send(teacher, classChat, "Доброе утро, 5А!").status, 201);

    Client client;
    ASSERT_FALSE(client.openError().has_value());
    HttpClient http = signedIn(student);
    std::int64_t now = 1'700'000'000'000;
    ASSERT_EQ(perform(client, http, now), sync::RequestKind::Sync);

    const Result<std::vector<store::ChatSummary>> chats = client.chats();
    ASSERT_TRUE(chats.ok());
    std::vector<std::int64_t> chatIds;
    for (const store::ChatSummary& summary : chats.value) chatIds.push_back(summary.chat.id);
    std::sort(chatIds.begin(), chatIds.end());
    EXPECT_EQ(chatIds, (std::vector<std::int64_t>{schoolChannel, classChat}));
    // allowedActions decides from the `me` and the chat the server sent: the same policy.
    const Result<std::vector<policy::Action>> actions = client.allowedActions(classChat);
    ASSERT_TRUE(actions.ok());
    EXPECT_NE(std::find(actions.value.begin(), actions.value.end(), policy::Action::Post), actions.value.end());

    const Result<std::string> clientId = client.enqueue(classChat, "Я сделал домашнее задание", std::nullopt, now);
    ASSERT_TRUE(clientId.ok());
    ASSERT_EQ(perform(client, http, ++now), sync::RequestKind::SendMessage);
    // The echo of our own message comes by sync too; it must not double the message.
    client.requestSync();
    ASSERT_EQ(perform(client, http, ++now), sync::RequestKind::Sync);

    const Result<std::vector<store::Message>> messages = client.messages(classChat, store::PageRequest{});
    ASSERT_TRUE(messages.ok());
    ASSERT_EQ(messages.value.size(), 2u);
    EXPECT_EQ(messages.value[0].text, "Доброе утро, 5А!");
    EXPECT_EQ(messages.value[1].text, "Я сделал домашнее задание");
    EXPECT_EQ(messages.value[1].clientId, clientId.value);
    EXPECT_EQ(messages.value[1].delivery, store::Delivery::Delivered);
    EXPECT_NE(messages.value[1].id, 0);

    // A student writing in the school channel: the server's 403 carries the policy's code,
    // which the client keeps as the reason, as it would show it.
    ASSERT_TRUE(client.enqueue(schoolChannel, "Можно мне тоже?", std::nullopt, now).ok());
    ASSERT_EQ(perform(client, http, ++now), sync::RequestKind::SendMessage);
    const Result<std::vector<store::OutboxItem>> outbox = client.outbox();
    ASSERT_TRUE(outbox.ok());
    ASSERT_EQ(outbox.value.size(), 1u);
    EXPECT_EQ(outbox.value[0].state, store::OutboxState::Failed);
    EXPECT_EQ(outbox.value[0].failureCode, "CHANNEL_READ_ONLY");
}

// The next request that carries an outbox item, as the app's loop reaches it: backoffs are
// waited out, and a sync due on the way is told it failed, which only backs it off: here it
// would be a long-poll with nothing to bring. A test failure when none comes.
sync::HttpRequest nextOutboxRequest(Client& client, std::int64_t& now) {
    for (int step = 0; step < 20; ++step) {
        sync::HttpRequest request = client.nextRequest(now);
        if (request.kind == sync::RequestKind::SendMessage || request.kind == sync::RequestKind::SendChange) {
            return request;
        }
        if (request.kind == sync::RequestKind::Sync) {
            client.onSyncFailed(503, now);
        } else if (request.wakeAtMs) {
            now = *request.wakeAtMs;
        } else {
            break;
        }
    }
    ADD_FAILURE() << "no outbox request";
    return {};
}

// Sends the client's next change twice: the first answer is lost after the server committed
// (the client hears nothing, status 0), and the retry the client makes is answered.
sync::SendOutcome sendWithTheFirstAnswerLost(Client& client, HttpClient& http, std::int64_t& now) {
    const sync::HttpRequest first = nextOutboxRequest(client, now);
    EXPECT_EQ(first.kind, sync::RequestKind::SendChange);
    const HttpAnswer lost = http.request(first.method, first.path, first.body);
    EXPECT_EQ(lost.status, 200) << first.path << ": " << lost.body;
    const Result<sync::SendOutcome> unanswered = client.onSendResult(first.clientId, 0, "", now);
    EXPECT_EQ(unanswered.value, sync::SendOutcome::WillRetry);

    const sync::HttpRequest retry = nextOutboxRequest(client, now);
    EXPECT_EQ(retry.clientId, first.clientId);
    EXPECT_EQ(retry.body, first.body);
    const HttpAnswer answer = http.request(retry.method, retry.path, retry.body);
    EXPECT_EQ(answer.body, lost.body) << "the repeat answers as the first did";
    const Result<sync::SendOutcome> outcome = client.onSendResult(retry.clientId, answer.status, answer.body, now);
    EXPECT_TRUE(outcome.ok());
    return outcome.value;
}

TEST_F(CoreClientTest, TheNewOutboxOperationsAcrossADroppedAnswer) {
    HttpClient teacher = signedIn(classTeacher);
    const HttpAnswer sentPoll = sendPoll(teacher, classChat, "Во сколько собираемся?", {"В 9:00", "В 10:00"});
    ASSERT_EQ(sentPoll.status, 201) << sentPoll.body;
    const std::int64_t poll = messageId(sentPoll);

    Client client;
    ASSERT_FALSE(client.openError().has_value());
    HttpClient http = signedIn(student);
    std::int64_t now = 1'700'000'000'000;
    ASSERT_EQ(perform(client, http, now), sync::RequestKind::Sync);
    ASSERT_TRUE(client.enqueue(classChat, "Я возьму мяч", std::nullopt, now).ok());
    ASSERT_TRUE(client.enqueue(classChat, "И насос", std::nullopt, now).ok());
    for (int sent = 0; sent < 2; ++sent) {
        const sync::HttpRequest request = nextOutboxRequest(client, now);
        const HttpAnswer answer = http.request(request.method, request.path, request.body);
        ASSERT_EQ(client.onSendResult(request.clientId, answer.status, answer.body, now).value, sync::SendOutcome::Confirmed);
    }
    const Result<std::vector<store::Message>> before = client.messages(classChat, store::PageRequest{});
    ASSERT_TRUE(before.ok());
    ASSERT_EQ(before.value.size(), 3u);
    const std::int64_t ball = before.value[1].id;
    const std::int64_t pump = before.value[2].id;
    const std::string teacherCursor = syncAll(teacher).cursor;
    const std::int64_t eventsBefore = store().lastEventId(schoolId);

    ASSERT_TRUE(client.editMessage(ball, "Я возьму два мяча", now).ok());
    EXPECT_EQ(sendWithTheFirstAnswerLost(client, http, now), sync::SendOutcome::Confirmed);
    ASSERT_TRUE(client.deleteMessage(pump, now).ok());
    EXPECT_EQ(sendWithTheFirstAnswerLost(client, http, now), sync::SendOutcome::Confirmed);
    ASSERT_TRUE(client.votePoll(poll, {1}, now).ok());
    EXPECT_EQ(sendWithTheFirstAnswerLost(client, http, now), sync::SendOutcome::Confirmed);
    ASSERT_TRUE(client.markRead(classChat, pump, now).ok());
    EXPECT_EQ(sendWithTheFirstAnswerLost(client, http, now), sync::SendOutcome::Confirmed);

    // The server holds each effect once: one event each, whatever was sent twice.
    EXPECT_EQ(store().lastEventId(schoolId), eventsBefore + 4);
    const nlohmann::json events = syncAll(teacher, teacherCursor).events;
    int edits = 0, deletions = 0, votes = 0;
    for (const nlohmann::json& event : events) {
        edits += event["type"] == "messageEdited";
        deletions += event["type"] == "messageDeleted";
        votes += event["type"] == "pollVotes";
    }
    EXPECT_EQ(edits, 1);
    EXPECT_EQ(deletions, 1);
    EXPECT_EQ(votes, 1);

    // The client shows them from the answers, confirmed, with nothing left to send; a sync
    // after that changes nothing.
    const auto expectShown = [&] {
        const Result<std::vector<store::OutboxItem>> outbox = client.outbox();
        ASSERT_TRUE(outbox.ok());
        EXPECT_TRUE(outbox.value.empty());
        const Result<std::vector<store::Message>> messages = client.messages(classChat, store::PageRequest{});
        ASSERT_TRUE(messages.ok());
        ASSERT_EQ(messages.value.size(), 3u);
        ASSERT_TRUE(messages.value[0].poll.has_value());
        EXPECT_TRUE(messages.value[0].poll->options[0].chosenByMe);
        EXPECT_EQ(messages.value[0].poll->options[0].votes, 1);
        EXPECT_EQ(messages.value[1].text, "Я возьму два мяча");
        EXPECT_FALSE(messages.value[1].change.has_value());
        EXPECT_TRUE(messages.value[2].deleted);
        const Result<std::vector<store::ChatSummary>> chats = client.chats();
        ASSERT_TRUE(chats.ok());
        for (const store::ChatSummary& summary : chats.value) {
            if (summary.chat.id == classChat) {
                EXPECT_EQ(summary.unreadCount, 0);
            }
        }
    };
    expectShown();
    client.requestSync();
    ASSERT_EQ(perform(client, http, ++now), sync::RequestKind::Sync);
    expectShown();
}

TEST_F(CoreClientTest, APollWithAnUploadedFileQueuedByTheClientReachesTheServerOnceAcrossADroppedAnswer) {
    Client client;
    ASSERT_FALSE(client.openError().has_value());
    HttpClient http = signedIn(classTeacher);
    std::int64_t now = 1'700'000'000'000;
    ASSERT_EQ(perform(client, http, now), sync::RequestKind::Sync);
    // The upload is online (docs/protocol.md, "Attachments"); the message that carries it
    // goes through the outbox.
    const HttpAnswer upload = http.request("POST", "/api/v1/attachments?chatId=" + std::to_string(classChat) +
                                                       "&name=spisok.txt", "Мяч, насос, форма\n");
    ASSERT_EQ(upload.status, 201) << upload.body;
    const nlohmann::json uploaded = nlohmann::json::parse(upload.body).at("attachment");
    MessageExtras extras;
    extras.poll = store::Poll{"Кто возьмёт мяч?", false, {{0, "Я", 0, false}, {0, "Не я", 0, false}}};
    extras.attachments = {{uploaded.at("id").get<std::int64_t>(), uploaded.at("name").get<std::string>(),
                           uploaded.at("mimeType").get<std::string>(), uploaded.at("sizeBytes").get<std::int64_t>()}};
    ASSERT_TRUE(client.enqueue(classChat, "Что берём на матч", std::nullopt, now, extras).ok());

    const sync::HttpRequest first = nextOutboxRequest(client, now);
    ASSERT_EQ(first.kind, sync::RequestKind::SendMessage);
    ASSERT_EQ(http.request(first.method, first.path, first.body).status, 201);
    EXPECT_EQ(client.onSendResult(first.clientId, 0, "", now).value, sync::SendOutcome::WillRetry);
    const sync::HttpRequest retry = nextOutboxRequest(client, now);
    EXPECT_EQ(retry.body, first.body);
    const HttpAnswer answer = http.request(retry.method, retry.path, retry.body);
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(client.onSendResult(retry.clientId, answer.status, answer.body, now).value, sync::SendOutcome::Confirmed);

    HttpClient studentHttp = signedIn(student);
    int seen = 0;
    for (const nlohmann::json& event : syncAll(studentHttp).events) {
        if (event["type"] != "message" || event["message"]["text"] != "Что берём на матч") continue;
        ++seen;
        EXPECT_EQ(event["message"]["poll"]["options"][1]["text"], "Не я");
        EXPECT_EQ(event["message"]["attachments"][0]["id"], uploaded.at("id"));
    }
    EXPECT_EQ(seen, 1) << "one message, however often it was sent";
    const Result<std::vector<store::Message>> messages = client.messages(classChat, store::PageRequest{});
    ASSERT_TRUE(messages.ok());
    ASSERT_FALSE(messages.value.empty());
    const store::Message& mine = messages.value.back();
    EXPECT_GT(mine.id, 0);
    ASSERT_TRUE(mine.poll.has_value());
    EXPECT_EQ(mine.poll->options.size(), 2u);
    ASSERT_EQ(mine.attachments.size(), 1u);
    EXPECT_EQ(mine.attachments[0].mimeType, "text/plain");
}

TEST_F(CoreClientTest, AnAccountDeletedOnTheServerReachesTheClientAndItsMessagesStay) {
    HttpClient parentHttp = signedIn(parent);
    ASSERT_EQ(send(parentHttp, parentsChat, "Спасибо, всё получили").status, 201);
    Client client;
    HttpClient http = signedIn(classTeacher);
    std::int64_t now = 1'700'000'000'000;
    ASSERT_EQ(perform(client, http, now), sync::RequestKind::Sync);

    ASSERT_EQ(parentHttp.request("DELETE", "/api/v1/account", nlohmann::json{{"password", kPassword}}.dump()).status, 204);
    client.requestSync();
    // perform() fails the test if the page with the removal and the new name does not apply.
    ASSERT_EQ(perform(client, http, ++now), sync::RequestKind::Sync);
    const Result<std::vector<store::Message>> messages = client.messages(parentsChat, store::PageRequest{});
    ASSERT_TRUE(messages.ok());
    ASSERT_EQ(messages.value.size(), 1u);
    EXPECT_EQ(messages.value[0].text, "Спасибо, всё получили");
    EXPECT_EQ(messages.value[0].senderId, parent.id);
}

}  // namespace
}  // namespace parta::testing
