// A new message that asks a poll or carries uploaded files goes through the outbox like any
// other: queued offline, shown at once with its poll and files, sent once with the protocol's
// `poll` and `attachmentIds`; the policy decides post_poll and attach_file before queueing.
#include <gtest/gtest.h>

#include <cstdio>

#include "client/client.h"
#include "support/outbox_driver.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

using nlohmann::json;
using testing::chatEvent;
using testing::meEvent;
using testing::membershipEvent;
using testing::page;

constexpr std::int64_t kClassChat = 1;
constexpr std::int64_t kSchoolChannel = 2;

store::Poll pollOf(const std::string& question, const std::vector<std::string>& options, bool multipleChoice = false) {
    store::Poll poll{question, multipleChoice, {}};
    for (const std::string& option : options) poll.options.push_back({0, option, 0, false});
    return poll;
}

// Signed in as `me`, a member of the 5А class chat and of the school channel.
class ClientPollsAndFiles : public ::testing::Test {
protected:
    void signIn(const json& me) {
        const std::int64_t userId = me.at("userId").get<std::int64_t>();
        const auto events = json::array({meEvent(me), chatEvent(kClassChat, "5А класс", "class_chat", "5А"),
                                         chatEvent(kSchoolChannel, "Общешкольный канал", "school_channel", ""),
                                         membershipEvent(kClassChat, userId, "owner"),
                                         membershipEvent(kSchoolChannel, userId, "member")});
        ASSERT_TRUE(client.applySync(page("c1", events).dump(), 0).ok());
    }

    void signInAsClassTeacher() {
        signIn({{"userId", 3}, {"roles", {"teacher"}}, {"verified", true}, {"classTeacherOf", {"5А"}}, {"teaches", {"5А"}}});
    }

    sync::HttpRequest nextSend() { return testing::nextOutboxRequest(client, now); }

    std::int64_t now = 1000;
    Client client{[] {
        ClientOptions options;
        options.random = [] { return 0u; };
        options.pollIntervalMs = 30000;  // the sync stays out of the way of the sends
        return options;
    }()};
};

TEST_F(ClientPollsAndFiles, AClassTeachersPollIsShownAtOnceWithItsNumberedOptionsAndSentAsTheProtocolsPoll) {
    signInAsClassTeacher();
    MessageExtras extras;
    extras.poll = pollOf("Кто поедет на экскурсию?", {"Мы едем", "Не сможем"});
    const auto queued = client.enqueue(kClassChat, "Опрос про экскурсию", std::nullopt, now, extras);
    ASSERT_TRUE(queued.ok()) << queued.error->detail;

    const auto messages = client.messages(kClassChat, {}).value;
    ASSERT_EQ(messages.size(), 1u);
    ASSERT_TRUE(messages[0].poll);
    EXPECT_EQ(messages[0].poll->question, "Кто поедет на экскурсию?");
    ASSERT_EQ(messages[0].poll->options.size(), 2u);
    EXPECT_EQ(messages[0].poll->options[1].id, 2);
    EXPECT_EQ(messages[0].poll->options[1].text, "Не сможем");
    EXPECT_EQ(messages[0].delivery, store::Delivery::Sending);

    const sync::HttpRequest request = nextSend();
    EXPECT_EQ(request.path, "/api/v1/messages");
    const json body = json::parse(request.body);
    EXPECT_EQ(body.at("poll"), (json{{"question", "Кто поедет на экскурсию?"}, {"multipleChoice", false},
                                     {"options", {"Мы едем", "Не сможем"}}}));
    EXPECT_FALSE(body.contains("attachmentIds"));
}

TEST_F(ClientPollsAndFiles, APollOutsideTheProtocolsLimitsIsBadPollAndNothingIsQueued) {
    signInAsClassTeacher();
    for (const store::Poll& poll : {pollOf("", {"да", "нет"}), pollOf("Один вариант?", {"да"}),
                                    pollOf("Пустой вариант?", {"да", ""}),
                                    pollOf("Слишком много?", std::vector<std::string>(11, "вариант")),
                                    pollOf("Длинный вариант?", {"да", std::string(257, 'a')})}) {
        MessageExtras extras;
        extras.poll = poll;
        const auto result = client.enqueue(kClassChat, "Опрос", std::nullopt, now, extras);
        ASSERT_FALSE(result.ok()) << poll.question;
        EXPECT_EQ(errorCode(result.error->code), "BAD_POLL");
    }
    EXPECT_TRUE(client.outbox().value.empty());
}

TEST_F(ClientPollsAndFiles, AStudentAsksAPollInTheClassChatButNotInTheReadOnlySchoolChannel) {
    signIn({{"userId", 40}, {"roles", {"student"}}, {"studentOf", "5А"}});
    MessageExtras extras;
    extras.poll = pollOf("Кто за?", {"я", "не я"});
    EXPECT_TRUE(client.enqueue(kClassChat, "Опрос", std::nullopt, now, extras).ok());
    const auto refused = client.enqueue(kSchoolChannel, "Опрос", std::nullopt, now, extras);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error->code, ClientErrorCode::NotAllowed);
    EXPECT_EQ(client.outbox().value.size(), 1u);
}

TEST_F(ClientPollsAndFiles, UploadedFilesAreShownOnThePendingMessageAndSentAsAttachmentIds) {
    signInAsClassTeacher();
    MessageExtras extras;
    extras.attachments = {{55, "маршрут.pdf", "application/pdf", 48213}, {56, "схема.png", "image/png", 1200}};
    ASSERT_TRUE(client.enqueue(kClassChat, "Маршрут и схема", std::nullopt, now, extras).ok());

    const auto messages = client.messages(kClassChat, {}).value;
    ASSERT_EQ(messages.size(), 1u);
    ASSERT_EQ(messages[0].attachments.size(), 2u);
    EXPECT_EQ(messages[0].attachments[0].name, "маршрут.pdf");
    EXPECT_EQ(messages[0].attachments[1].sizeBytes, 1200);

    const json body = json::parse(nextSend().body);
    EXPECT_EQ(body.at("attachmentIds"), (json{55, 56}));
    EXPECT_FALSE(body.contains("poll"));
}

TEST_F(ClientPollsAndFiles, MoreThanTenFilesOnOneMessageAreRefusedBeforeQueueing) {
    signInAsClassTeacher();
    MessageExtras extras;
    for (std::int64_t id = 1; id <= 11; ++id) extras.attachments.push_back({id, "файл.txt", "text/plain", 1});
    const auto result = client.enqueue(kClassChat, "Файлы", std::nullopt, now, extras);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(errorCode(result.error->code), "TOO_MANY_ATTACHMENTS");
    EXPECT_TRUE(client.outbox().value.empty());
}

TEST_F(ClientPollsAndFiles, APollAndItsFilesSurviveClosingAndReopeningTheStore) {
    const std::string path = ::testing::TempDir() + "parta-poll-outbox.sqlite3";
    std::remove(path.c_str());
    std::remove((path + "-wal").c_str());
    {
        ClientOptions options;
        options.databasePath = path;
        Client writer(options);
        const auto events = json::array(
            {meEvent({{"userId", 3}, {"roles", {"teacher"}}, {"verified", true}, {"classTeacherOf", {"5А"}}}),
             chatEvent(kClassChat, "5А класс", "class_chat", "5А"), membershipEvent(kClassChat, 3, "owner")});
        ASSERT_TRUE(writer.applySync(page("c1", events).dump(), 0).ok());
        MessageExtras extras;
        extras.poll = pollOf("Удобно в четверг?", {"да", "нет"}, true);
        extras.attachments = {{57, "план.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", 9000}};
        ASSERT_TRUE(writer.enqueue(kClassChat, "Собрание", std::nullopt, 1000, extras).ok());
    }
    ClientOptions options;
    options.databasePath = path;
    Client reader(options);
    const auto messages = reader.messages(kClassChat, {}).value;
    ASSERT_EQ(messages.size(), 1u);
    ASSERT_TRUE(messages[0].poll);
    EXPECT_TRUE(messages[0].poll->multipleChoice);
    ASSERT_EQ(messages[0].attachments.size(), 1u);
    EXPECT_EQ(messages[0].attachments[0].id, 57);
    std::remove(path.c_str());
}

}  // namespace
}  // namespace parta
