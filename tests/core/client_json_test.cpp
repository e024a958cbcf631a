// The Client's JSON face, which the wasm binding hands to JS unchanged: ids as decimal
// strings, errors as values with a stable code, bad arguments named.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "client/client_json.h"
#include "policy/reason.h"
#include "support/sync_fixtures.h"

namespace parta {
namespace {

using nlohmann::json;
using testing::chatEvent;
using testing::meEvent;
using testing::membershipEvent;
using testing::messageEvent;
using testing::messageObject;
using testing::page;

constexpr std::int64_t kBeyondJsSafeInteger = 9007199254740993;  // 2^53 + 1

class ClientJsonFace : public ::testing::Test {
protected:
    void SetUp() override {
        const json me = {{"userId", 7}, {"roles", {"parent"}}, {"children", {{{"userId", 40}, {"classId", "5A"}}}}};
        const auto events = json::array({meEvent(me), chatEvent(kBeyondJsSafeInteger, "Родители 5А", "parents_chat", "5A"),
                                         membershipEvent(kBeyondJsSafeInteger, 7, "member"),
                                         messageEvent(100, kBeyondJsSafeInteger, 3, "Собрание в четверг")});
        ASSERT_EQ(call(client.applySync(page("c1", events).dump(), 0)).at("ok"), true);
    }

    static json call(const std::string& answer) { return json::parse(answer); }

    ClientJson client{""};
};

TEST_F(ClientJsonFace, IdsBeyondTheJsSafeRangeTravelAsExactDecimalStrings) {
    const json chats = call(client.chats());
    ASSERT_EQ(chats.at("ok"), true);
    EXPECT_EQ(chats.at("value")[0].at("id"), "9007199254740993");
    EXPECT_EQ(chats.at("value")[0].at("kind"), "parents_chat");
    EXPECT_EQ(chats.at("value")[0].at("classId"), "5A");
    const json messages = call(client.messages("9007199254740993", ""));
    ASSERT_EQ(messages.at("value").size(), 1u);
    EXPECT_EQ(messages.at("value")[0].at("id"), "100");
    EXPECT_EQ(messages.at("value")[0].at("chatId"), "9007199254740993");
    EXPECT_EQ(messages.at("value")[0].at("delivery"), "delivered");
}

std::set<std::string> memberNames(const json& object) {
    std::set<std::string> names;
    for (const auto& member : object.items()) names.insert(member.key());
    return names;
}

TEST_F(ClientJsonFace, AMessageCarriesOnlyTheOptionalMembersThatSaySomething) {
    json reply = messageObject(101, kBeyondJsSafeInteger, 3, "Расписание во вложении");
    reply["replyTo"] = 100;
    reply["pinned"] = true;
    reply["attachments"] = {{{"id", 50}, {"name", "raspisanie.pdf"}, {"mimeType", "application/pdf"}, {"sizeBytes", 12345}}};
    ASSERT_EQ(call(client.applySync(page("c2", json::array({messageEvent(reply)})).dump(), 0)).at("ok"), true);

    const json messages = call(client.messages("9007199254740993", "")).at("value");
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(memberNames(messages[0]), (std::set<std::string>{"id", "chatId", "senderId", "serverTime", "text", "delivery"}));
    EXPECT_EQ(memberNames(messages[1]), (std::set<std::string>{"id", "chatId", "senderId", "serverTime", "text", "replyTo",
                                                               "pinned", "attachments", "delivery"}));
    EXPECT_EQ(messages[1].at("replyTo"), "100");
    EXPECT_EQ(messages[1].at("pinned"), true);
    EXPECT_EQ(messages[1].at("attachments")[0].at("name"), "raspisanie.pdf");
}

TEST_F(ClientJsonFace, EnqueuedMessageHasNoServerIdAndIsSending) {
    const json enqueued = call(client.enqueue("9007199254740993", "Буду", "null", "null", 1000));
    ASSERT_EQ(enqueued.at("ok"), true);
    const json messages = call(client.messages("9007199254740993", R"({"limit": 10})"));
    ASSERT_EQ(messages.at("value").size(), 2u);
    EXPECT_TRUE(messages.at("value")[1].at("id").is_null());
    EXPECT_EQ(messages.at("value")[1].at("clientId"), enqueued.at("value"));
    EXPECT_EQ(messages.at("value")[1].at("delivery"), "sending");
    const json request = call(client.nextRequest(1000)).at("value");
    EXPECT_EQ(request.at("kind"), "send_message");
    EXPECT_EQ(request.at("path"), "/api/v1/messages");
    EXPECT_EQ(request.at("clientId"), enqueued.at("value"));
}

TEST_F(ClientJsonFace, AllowedActionsAreThePolicysNames) {
    const json actions = call(client.allowedActions("9007199254740993")).at("value");
    EXPECT_NE(std::find(actions.begin(), actions.end(), "post"), actions.end());
    EXPECT_EQ(std::find(actions.begin(), actions.end(), "delete_any"), actions.end());
}

TEST_F(ClientJsonFace, ErrorsAreValuesWithCodeSentenceAndDetail) {
    const json error = call(client.applySync(R"({"cursor": "c2", "more": false, "events": [{"type": "chat", "chat": {"id": 4, "kind": "class", "title": "x", "createdAt": 1}}]})", 0));
    EXPECT_EQ(error.at("ok"), false);
    EXPECT_EQ(error.at("error"), "BAD_SYNC_PAGE");
    EXPECT_EQ(error.at("detail"), "events[0].chat.kind: expected a chat kind of docs/permissions.md");
    EXPECT_FALSE(error.at("message").at("ru").get<std::string>().empty());
    EXPECT_FALSE(error.at("message").at("en").get<std::string>().empty());
    EXPECT_EQ(call(client.allowedActions("99")).at("error"), "UNKNOWN_CHAT");
}

TEST_F(ClientJsonFace, MalformedArgumentsAreNamed) {
    EXPECT_EQ(call(client.messages("10abc", "")).at("detail"), "chatId: expected a decimal id string");
    EXPECT_EQ(call(client.messages("9007199254740993", R"({"beforeId": 5})")).at("detail"),
              "page.beforeId: expected a decimal id string");
    EXPECT_EQ(call(client.search("собрание", "[]")).at("detail"), "options: expected an object");
    EXPECT_EQ(call(client.enqueue("9007199254740993", "x", "{", "null", 0)).at("error"), "INVALID_ARGUMENT");
    EXPECT_EQ(call(client.markRead("0", "1", 0)).at("detail"), "chatId: expected a decimal id string");
}

TEST(ClientJsonOptions, AnInvalidOptionsObjectFailsEveryCallWithTheReason) {
    ClientJson client(R"({"databasePath": 5})");
    const json answer = json::parse(client.chats());
    EXPECT_EQ(answer.at("error"), "INVALID_ARGUMENT");
    EXPECT_EQ(answer.at("detail"), "options.databasePath: expected a string");
}

TEST(ClientJsonOptions, StorageOptionsAreCheckedBeforeAnythingOpens) {
    const auto detailFor = [](const char* options) { return json::parse(ClientJson(options).chats()).at("detail"); };
    EXPECT_EQ(detailFor(R"({"vfs": 1})"), "options.vfs: expected a string");
    EXPECT_EQ(detailFor(R"({"exclusive": "yes"})"), "options.exclusive: expected true or false");
    EXPECT_EQ(detailFor(R"({"journalMode": "delete"})"), "options.journalMode: expected \"wal\" or \"truncate\"");
    EXPECT_EQ(detailFor(R"({"pageSize": 5000})"), "options.pageSize: expected a power of two from 512 to 65536");
}

TEST(ClientJsonOptions, UnknownVfsLeavesTheStoreUnavailable) {
    ClientJson client(R"({"databasePath": "x.sqlite3", "vfs": "no-such-vfs"})");
    EXPECT_EQ(json::parse(client.chats()).at("error"), "STORE_UNAVAILABLE");
}

TEST(ClientJsonOptions, TruncateJournalAnd16KPageOptionsAreAccepted) {
    ClientJson client(R"({"journalMode": "truncate", "pageSize": 16384})");
    const json applied = json::parse(client.applySync(
        R"({"cursor": "c1", "more": false, "events": [{"type": "chat", "chat": {"id": 4, "kind": "parents_chat", "classId": "5A", "title": "5А", "createdAt": 1}}]})",
        0));
    EXPECT_EQ(applied.at("ok"), true) << applied.dump();
    EXPECT_EQ(json::parse(client.chats()).at("value").size(), 1u);
    EXPECT_EQ(json::parse(client.checkIntegrity()).at("value"), "ok");
}

TEST_F(ClientJsonFace, APollAnswersEachOptionsVoteCountAndWhetherIChoseIt) {
    json poll = messageObject(102, kBeyondJsSafeInteger, 3, "");
    poll["poll"] = {{"question", "Когда собрание?"},
                    {"options", {{{"id", 1}, {"text", "Во вторник"}}, {{"id", 2}, {"text", "В четверг"}}}}};
    const auto vote = [](std::int64_t userId, std::int64_t optionId) {
        return json{{"type", "pollVotes"}, {"pollVotes", {{"messageId", 102}, {"userId", userId}, {"optionIds", {optionId}}}}};
    };
    const auto events = json::array({messageEvent(poll), vote(7, 2), vote(8, 2), vote(9, 1)});
    ASSERT_EQ(call(client.applySync(page("c2", events).dump(), 0)).at("ok"), true);

    const json options = call(client.messages("9007199254740993", "")).at("value").back().at("poll").at("options");
    ASSERT_EQ(options.size(), 2u);
    EXPECT_EQ(options[0], (json{{"id", "1"}, {"text", "Во вторник"}, {"votes", 1}}));
    EXPECT_EQ(options[1], (json{{"id", "2"}, {"text", "В четверг"}, {"votes", 2}, {"chosenByMe", true}}));
}

// Message 100 is another parent's: deleting it is moderation, which a parent may not do.
TEST_F(ClientJsonFace, APolicyRefusalAnswersThePolicysCodeAndSentenceAsTheServerDoes) {
    const json refused = call(client.deleteMessage("100", 1000));
    ASSERT_EQ(refused.at("ok"), false);
    const std::string code = refused.at("error");
    EXPECT_NE(code, "NOT_ALLOWED");
    const std::optional<policy::Reason> reason = policy::reasonFromCode(code);
    ASSERT_TRUE(reason.has_value());
    EXPECT_EQ(refused.at("message").at("ru"), policy::reasonMessage(*reason).ru);
    EXPECT_EQ(refused.at("detail"), "delete_any");
}

TEST_F(ClientJsonFace, AVoteTakesAnArrayOfIdStringsAndNamesAnythingElse) {
    EXPECT_EQ(call(client.votePoll("100", "[1]", 0)).at("detail"), "optionIds: expected an array of decimal id strings");
    EXPECT_EQ(call(client.votePoll("100", "\"1\"", 0)).at("detail"), "optionIds: expected an array of decimal id strings");
    EXPECT_EQ(call(client.votePoll("100", "[\"1\"]", 0)).at("error"), "BAD_POLL_CHOICE");  // no poll in message 100
}

TEST_F(ClientJsonFace, AnOutboxChangeNamesItsKindAndTheMessageItChanges) {
    ASSERT_EQ(call(client.markRead("9007199254740993", "100", 1000)).at("ok"), true);
    const json outbox = call(client.outbox());
    ASSERT_EQ(outbox.at("value").size(), 1u);
    EXPECT_EQ(outbox.at("value")[0].at("kind"), "read_position");
    EXPECT_EQ(outbox.at("value")[0].at("chatId"), "9007199254740993");
    EXPECT_EQ(outbox.at("value")[0].at("messageId"), "100");
    EXPECT_TRUE(outbox.at("value")[0].at("optionIds").is_null());
    EXPECT_EQ(call(client.nextRequest(1000)).at("value").at("kind"), "send_change");
}

TEST_F(ClientJsonFace, ARefusedSendCarriesTheSentenceOfItsCodeOnTheMessageAndTheOutboxItem) {
    const json enqueued = call(client.enqueue("9007199254740993", "Можно?", "null", "null", 1000));
    const std::string clientId = enqueued.at("value");
    ASSERT_EQ(call(client.nextRequest(1000)).at("value").at("clientId"), clientId);
    ASSERT_EQ(call(client.onSendResult(clientId, 403, R"({"error":{"code":"CHANNEL_READ_ONLY"}})", 1000)).at("value"), "failed");

    const json item = call(client.outbox()).at("value").at(0);
    EXPECT_EQ(item.at("failureCode"), "CHANNEL_READ_ONLY");
    EXPECT_EQ(item.at("failureMessage").at("ru"),
              std::string(policy::reasonMessage(policy::Reason::ChannelReadOnly).ru));
    const json message = call(client.messages("9007199254740993", "null")).at("value").back();
    EXPECT_EQ(message.at("failureMessage"), item.at("failureMessage"));
}

TEST_F(ClientJsonFace, AnUnknownRefusalCodeGetsAGeneralSentenceNamingNoCause) {
    const json enqueued = call(client.enqueue("9007199254740993", "Текст", "null", "null", 1000));
    const std::string clientId = enqueued.at("value");
    ASSERT_EQ(call(client.nextRequest(1000)).at("value").at("clientId"), clientId);
    ASSERT_EQ(call(client.onSendResult(clientId, 422, R"({"error":{"code":"SOMETHING_NEW"}})", 1000)).at("value"), "failed");
    const json item = call(client.outbox()).at("value").at(0);
    EXPECT_EQ(item.at("failureCode"), "SOMETHING_NEW");
    EXPECT_EQ(item.at("failureMessage").at("en"), "The server did not accept this. Try again or discard it.");
}

TEST_F(ClientJsonFace, InviteRolesNameNothingForAParentWithTheLinkDefaultsTheServerApplies) {
    const json offer = call(client.inviteRoles("9007199254740993")).at("value");
    EXPECT_EQ(offer.at("roles"), json::array());
    EXPECT_EQ(offer.at("defaultLifetimeMs"), 7 * 24 * 60 * 60 * 1000LL);
    EXPECT_EQ(offer.at("maxUsageLimit"), 1000);
}

TEST_F(ClientJsonFace, AParentHasNoSchoolScreensAndNoChatToCreate) {
    EXPECT_EQ(call(client.schoolActions()).at("value"), json::array());
    EXPECT_EQ(call(client.chatsToCreate()).at("value"), json::array());
}

TEST_F(ClientJsonFace, ChatsToCreateNameTheKindAndTheClassOrNull) {
    const json teacher = {{"userId", 3}, {"roles", {"teacher", "admin"}}, {"verified", true}, {"classTeacherOf", {"5A"}}};
    ASSERT_EQ(call(client.applySync(page("c2", json::array({meEvent(teacher)})).dump(), 0)).at("ok"), true);
    const json creatable = call(client.chatsToCreate()).at("value");
    EXPECT_NE(std::find(creatable.begin(), creatable.end(), json({{"kind", "parents_chat"}, {"classId", "5A"}})), creatable.end());
    EXPECT_NE(std::find(creatable.begin(), creatable.end(), json({{"kind", "teachers_room"}, {"classId", nullptr}})), creatable.end());
    const json actions = call(client.schoolActions()).at("value");
    EXPECT_NE(std::find(actions.begin(), actions.end(), "verify_teacher"), actions.end());
}

TEST_F(ClientJsonFace, TheAdminIsOfferedToVerifyATeacherButNotAStudentWhomSheMayMoveInstead) {
    ASSERT_EQ(call(client.applySync(page("c2", json::array({meEvent({{"userId", 1}, {"roles", {"admin"}}})})).dump(), 0)).at("ok"), true);
    const auto has = [](const json& names, const char* name) { return std::find(names.begin(), names.end(), name) != names.end(); };
    const json fitting = call(client.actionsOnPeople(R"([{"id": 3, "roles": ["teacher"], "verified": false}, {"id": 40, "roles": ["student"]}])")).at("value");
    ASSERT_EQ(fitting.size(), 2u);
    const json& onTeacher = fitting[0];
    EXPECT_TRUE(has(onTeacher, "verify_teacher"));
    EXPECT_TRUE(has(onTeacher, "assign_class_teacher"));
    EXPECT_FALSE(has(onTeacher, "move_student"));
    const json& onStudent = fitting[1];
    EXPECT_FALSE(has(onStudent, "verify_teacher"));
    EXPECT_FALSE(has(onStudent, "appoint_admin"));
    EXPECT_TRUE(has(onStudent, "move_student"));
    EXPECT_TRUE(has(onStudent, "end_sessions"));
}

TEST_F(ClientJsonFace, MalformedPollOrAttachmentDetailsAreNamedAndQueueNothing) {
    for (const char* details : {R"({"poll": 3})", R"({"poll": {"question": "Да?"}})", R"({"poll": {"question": "Да?", "options": [1, 2]}})",
                                R"({"attachments": [{"id": 0, "name": "a", "mimeType": "text/plain", "sizeBytes": 1}]})",
                                R"({"attachments": {"id": 5}})", "[]"}) {
        const json answer = call(client.enqueue("9007199254740993", "Текст", "null", details, 0));
        EXPECT_EQ(answer.at("error"), "INVALID_ARGUMENT") << details;
    }
    EXPECT_EQ(call(client.outbox()).at("value"), json::array());
}

TEST_F(ClientJsonFace, APersonWithoutRolesIsAnInvalidArgumentNamedByIndex) {
    const json answer = call(client.actionsOnPeople(R"([{"id": 1, "roles": []}, {"id": 3}])"));
    EXPECT_EQ(answer.at("error"), "INVALID_ARGUMENT");
    EXPECT_EQ(answer.at("detail"), "people[1].roles: expected an array of role names");
    EXPECT_EQ(call(client.actionsOnPeople(R"({"id": 3, "roles": []})")).at("error"), "INVALID_ARGUMENT");
    EXPECT_EQ(call(client.actionsOnPeople("not json")).at("error"), "INVALID_ARGUMENT");
}

}  // namespace
}  // namespace parta
