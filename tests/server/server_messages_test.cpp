// POST /api/v1/messages: exactly once by (sender, clientId), the policy's refusals, and bad
// input that changes nothing (docs/protocol.md).
#include <gtest/gtest.h>

#include "policy/decide.h"
#include "policy/reason.h"
#include "server/support/school_fixture.h"
#include "sync/sync_page.h"

namespace parta::testing {
namespace {

using MessagesTest = SchoolFixture;

TEST_F(MessagesTest, TheAnswerCarriesTheServerCopyCoreAccepts) {
    HttpClient pupil = signedIn(student);
    const std::string clientId = "0b7e4c1a-2f3d-4a5b-8c6d-7e8f9a0b1c2d";
    const HttpAnswer answer = send(pupil, classChat, "Можно выйти?", clientId);
    ASSERT_EQ(answer.status, 201) << answer.body;
    const std::optional<store::Message> copy = sync::parseSentMessage(answer.body);
    ASSERT_TRUE(copy.has_value()) << answer.body;
    EXPECT_EQ(copy->clientId, clientId);
    EXPECT_EQ(copy->chatId, classChat);
    EXPECT_EQ(copy->senderId, student.id);
    EXPECT_EQ(copy->text, "Можно выйти?");
}

TEST_F(MessagesTest, TheSameClientIdTenTimesGivesOneMessage) {
    HttpClient pupil = signedIn(student);
    const std::string clientId = "9d2f0c4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    std::set<std::int64_t> ids;
    for (int attempt = 0; attempt < 10; ++attempt) {
        const HttpAnswer answer = send(pupil, classChat, "Я заболел, меня не будет", clientId);
        // The first creates; every repeat answers 200 with the copy already stored.
        EXPECT_EQ(answer.status, attempt == 0 ? 201 : 200) << answer.body;
        ids.insert(answer.json()["message"]["id"].get<std::int64_t>());
    }
    EXPECT_EQ(ids.size(), 1u);
    HttpClient teacher = signedIn(classTeacher);
    int copies = 0;
    for (const nlohmann::json& event : syncAll(teacher).events) copies += event["type"] == "message";
    EXPECT_EQ(copies, 1);
}

// Who writes where, and the policy's answer: the server repeats no rule, it answers decide's.
struct WriteCase {
    const char* who;
    const char* chat;
    int status;
    const char* code;  // the reason code of a refusal
};

TEST_F(MessagesTest, EveryRefusalIsTheDecisionOfThePolicyWithItsReasonCode) {
    // who            chat             status  code (core/policy/reason.h)
    const std::vector<WriteCase> cases = {
        {"parent",        "school_channel", 403, "CHANNEL_READ_ONLY"},
        {"student",       "school_channel", 403, "CHANNEL_READ_ONLY"},
        {"teacher",       "school_channel", 403, "CHANNEL_READ_ONLY"},
        {"admin",         "school_channel", 201, ""},
        {"student",       "parents_chat",   403, "ROLE_CONFLICT"},
        {"parent",        "class_chat",     403, "ROLE_CONFLICT"},
        {"admin",         "class_chat",     403, "NOT_MEMBER"},
        {"student",       "class_chat",     201, ""},
        {"parent",        "parents_chat",   201, ""},
        {"teacher",       "parents_chat",   201, ""},
    };
    const std::map<std::string, const Person*> people = {
        {"admin", &admin}, {"teacher", &classTeacher}, {"student", &student}, {"parent", &parent}};
    const std::map<std::string, std::int64_t> chats = {
        {"school_channel", schoolChannel}, {"class_chat", classChat}, {"parents_chat", parentsChat}};
    for (const WriteCase& row : cases) {
        HttpClient client = signedIn(*people.at(row.who));
        const std::int64_t eventsBefore = store().lastEventId(schoolId);
        const HttpAnswer answer = send(client, chats.at(row.chat), "Здравствуйте!");
        EXPECT_EQ(answer.status, row.status) << row.who << " in " << row.chat << ": " << answer.body;
        if (row.status != 403) continue;
        EXPECT_EQ(answer.errorCode(), row.code) << row.who << " in " << row.chat;
        const nlohmann::json message = answer.json()["error"]["message"];
        const LocalizedText expected = policy::reasonMessage(*policy::reasonFromCode(row.code));
        EXPECT_EQ(message["ru"], std::string(expected.ru));
        EXPECT_EQ(message["en"], std::string(expected.en));
        EXPECT_EQ(store().lastEventId(schoolId), eventsBefore) << "a refusal wrote something";
    }
}

TEST_F(MessagesTest, AChatOfAnotherSchoolIsAnsweredAsOneThatDoesNotExist) {
    HttpClient other = signedIn(stranger);
    const HttpAnswer intoSchoolOne = send(other, classChat, "Привет из другой школы");
    const HttpAnswer nowhere = send(other, 987654321, "Привет из другой школы");
    EXPECT_EQ(intoSchoolOne.status, 404);
    EXPECT_EQ(intoSchoolOne.errorCode(), "UNKNOWN_CHAT");
    EXPECT_EQ(intoSchoolOne.body, nowhere.body);
    HttpClient pupil = signedIn(student);
    for (const nlohmann::json& event : syncAll(pupil).events) EXPECT_NE(event["type"], "message");
}

TEST_F(MessagesTest, MalformedBodiesAnswer400WithTheFieldAndChangeNothing) {
    HttpClient pupil = signedIn(student);
    const std::string chat = std::to_string(classChat);
    const std::string uuid = R"("clientId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")";
    struct BadBody {
        std::string body;
        const char* code;
        const char* detail;
    };
    const std::vector<BadBody> bodies = {
        {"{", "BAD_REQUEST", "expected a JSON document"},
        {"", "BAD_REQUEST", "expected a JSON document"},
        {"[1, 2]", "BAD_REQUEST", "expected a JSON object"},
        {"{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "Привет", "colour": "red"})", "BAD_REQUEST", "colour: unknown member"},
        {"{" + uuid + R"(, "chatId": ")" + chat + R"(", "text": "Привет"})", "BAD_REQUEST", "chatId: expected a positive integer id"},
        {"{" + uuid + R"(, "chatId": -3, "text": "Привет"})", "BAD_REQUEST", "chatId: expected a positive integer id"},
        {"{" + uuid + R"(, "text": "Привет"})", "BAD_REQUEST", "chatId: required"},
        {R"({"clientId": "1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D", "chatId": )" + chat + R"(, "text": "Привет"})",
         "BAD_REQUEST", "clientId: expected a lower-case UUID"},
        {"{" + uuid + R"(, "chatId": )" + chat + R"(, "text": 5})", "BAD_REQUEST", "text: expected string"},
        // The text's rule is core's (text/message_text.h), the very check the Client makes.
        {"{" + uuid + R"(, "chatId": )" + chat + R"(, "text": ""})", "EMPTY_TEXT", "text: empty or only whitespace"},
        {"{" + uuid + R"(, "chatId": )" + chat + R"(, "text": ")" + std::string(4097, 'a') + R"("})", "BAD_REQUEST",
         "text: expected at most 4096 characters"},
        {"{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "a\u0000b"})", "BAD_REQUEST",
         "text: expected UTF-8 text without NUL characters"},
        {"{" + uuid + R"(, "chatId": )" + chat + R"(, "text": " \n\t "})", "EMPTY_TEXT", "text: empty or only whitespace"},
        {"{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "Ответ", "replyTo": 999999})", "BAD_REQUEST",
         "replyTo: expected a message of the same chat"},
    };
    const std::int64_t eventsBefore = store().lastEventId(schoolId);
    for (const BadBody& bad : bodies) {
        const HttpAnswer answer = pupil.post("/api/v1/messages", bad.body);
        EXPECT_EQ(answer.status, 400) << bad.body;
        EXPECT_EQ(answer.errorCode(), bad.code) << bad.body;
        EXPECT_EQ(answer.json()["error"].value("detail", ""), bad.detail) << bad.body;
        EXPECT_TRUE(answer.json()["error"]["message"]["ru"].is_string());
    }
    EXPECT_EQ(store().lastEventId(schoolId), eventsBefore);
    // 4096 Cyrillic letters are 8192 bytes and still one message (the limit counts characters).
    std::string longest;
    for (int i = 0; i < 4096; ++i) longest += "ж";
    EXPECT_EQ(send(pupil, classChat, longest).status, 201);
}

}  // namespace
}  // namespace parta::testing
