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

}  // namespace
}  // namespace parta::testing
