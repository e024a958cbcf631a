// The changes after a new message (docs/protocol.md, "changes to what the server has"): edits,
// deletions, poll votes and read positions. Each answer carries its events as core reads
// them, each event reaches whoever may see it by sync, each refusal is the policy's or the
// client's code, and a repeated clientId changes nothing.
#include <gtest/gtest.h>

#include <functional>
#include <future>
#include <map>
#include <set>

#include "policy/reason.h"
#include "random/uuid.h"
#include "server/support/school_fixture.h"
#include "store/database.h"
#include "sync/sync_page.h"

namespace parta::testing {
namespace {

using MessageChangesTest = SchoolFixture;

// Every payload of one type, in order.
std::vector<nlohmann::json> payloads(const nlohmann::json& events, const std::string& type) {
    std::vector<nlohmann::json> found;
    for (const nlohmann::json& event : events) {
        if (event["type"] == type) found.push_back(event[type]);
    }
    return found;
}

// The one event a change answered, after core's own parser accepted the answer.
nlohmann::json onlyEvent(const HttpAnswer& answer) {
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_TRUE(sync::parseChangeAnswer(answer.body).has_value()) << answer.body;
    const nlohmann::json events = answer.json().value("events", nlohmann::json::array());
    EXPECT_EQ(events.size(), 1u) << answer.body;
    return events.empty() ? nlohmann::json() : events[0];
}

TEST_F(MessageChangesTest, AnEditIsAnsweredAndReachesAnotherMember) {
    HttpClient pupil = signedIn(student);
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t id = messageId(send(pupil, classChat, "Домашку сдам завтра"));
    const std::string cursor = syncAll(teacher).cursor;

    const nlohmann::json answered = onlyEvent(edit(pupil, id, classChat, "Домашку сдам сегодня"));
    ASSERT_EQ(answered["type"], "messageEdited");
    EXPECT_EQ(answered["messageEdited"]["id"], id);
    EXPECT_EQ(answered["messageEdited"]["chatId"], classChat);
    EXPECT_EQ(answered["messageEdited"]["text"], "Домашку сдам сегодня");

    const std::vector<nlohmann::json> seen = payloads(syncAll(teacher, cursor).events, "messageEdited");
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0], answered["messageEdited"]);
    // A first sync shows the message with its new text and the same editedAt.
    HttpClient other = signedIn(classmate);
    for (const nlohmann::json& message : payloads(syncAll(other).events, "message")) {
        if (message["id"] != id) continue;
        EXPECT_EQ(message["text"], "Домашку сдам сегодня");
        EXPECT_EQ(message["editedAt"], answered["messageEdited"]["editedAt"]);
    }
}

TEST_F(MessageChangesTest, EachEditHasALaterEditedAtThanTheOneBefore) {
    HttpClient pupil = signedIn(student);
    const std::int64_t id = messageId(send(pupil, classChat, "Первый вариант"));
    const nlohmann::json first = onlyEvent(edit(pupil, id, classChat, "Второй вариант"));
    const nlohmann::json second = onlyEvent(edit(pupil, id, classChat, "Третий вариант"));
    // The newer editedAt wins the merge, so two edits never share one, however fast they come
    // (the store takes one past the previous edit's when the clock has not moved).
    EXPECT_GT(second["messageEdited"]["editedAt"].get<std::int64_t>(), first["messageEdited"]["editedAt"].get<std::int64_t>());
}

TEST_F(MessageChangesTest, OwnDeletionAndModerationReachOtherMembersAndKeepWhoDeleted) {
    HttpClient pupil = signedIn(student);
    HttpClient other = signedIn(classmate);
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t own = messageId(send(pupil, classChat, "Ой, не туда"));
    const std::int64_t moderated = messageId(send(other, classChat, "Грубое сообщение"));
    const std::string cursor = syncAll(pupil).cursor;

    const nlohmann::json ownDeletion = onlyEvent(remove(pupil, own, classChat));
    EXPECT_EQ(ownDeletion, nlohmann::json::parse(R"({"type": "messageDeleted", "messageDeleted": {"id": )" +
                                                 std::to_string(own) + R"(, "chatId": )" + std::to_string(classChat) + "}}"));
    // The class teacher of 5А moderates the class chat (delete_any, 001 §3.4.7).
    const nlohmann::json moderation = onlyEvent(remove(teacher, moderated, classChat));
    EXPECT_EQ(moderation["messageDeleted"]["id"], moderated);

    std::set<std::int64_t> deleted;
    for (const nlohmann::json& deletion : payloads(syncAll(pupil, cursor).events, "messageDeleted")) {
        deleted.insert(deletion["id"].get<std::int64_t>());
    }
    EXPECT_EQ(deleted, (std::set<std::int64_t>{own, moderated}));
    // A first sync keeps each message's place and nothing of its text.
    for (const nlohmann::json& message : payloads(syncAll(other).events, "message")) {
        if (message["id"] != own && message["id"] != moderated) continue;
        EXPECT_TRUE(message["deleted"].get<bool>());
        EXPECT_EQ(message["text"], "");
    }
    // Who deleted each, for the audit log to come.
    store::Database database(databasePath());
    store::Statement& query = database.statement("SELECT deleted_by FROM message_deletions WHERE message_id = ?");
    std::map<std::int64_t, std::int64_t> deletedBy;
    for (const std::int64_t id : {own, moderated}) {
        query.bind(1, id);
        if (query.step()) deletedBy[id] = query.integer(0);
        query.reset();
    }
    EXPECT_EQ(deletedBy, (std::map<std::int64_t, std::int64_t>{{own, student.id}, {moderated, classTeacher.id}}));
}

TEST_F(MessageChangesTest, APollIsRenderedAsTheProtocolShowsAndItsVotesReachOtherMembers) {
    HttpClient teacher = signedIn(classTeacher);
    HttpClient pupil = signedIn(student);
    const HttpAnswer sent = sendPoll(teacher, classChat, "Кто поедет на экскурсию?", {"Мы едем", "Не сможем"});
    ASSERT_EQ(sent.status, 201) << sent.body;
    ASSERT_TRUE(sync::parseSentMessage(sent.body).has_value()) << sent.body;
    EXPECT_EQ(sent.json()["message"]["poll"], nlohmann::json::parse(R"({"question": "Кто поедет на экскурсию?",
        "multipleChoice": false, "options": [{"id": 1, "text": "Мы едем"}, {"id": 2, "text": "Не сможем"}]})"));
    const std::int64_t poll = messageId(sent);
    const std::string cursor = syncAll(teacher).cursor;

    const nlohmann::json answered = onlyEvent(vote(pupil, poll, classChat, {2}));
    EXPECT_EQ(answered, nlohmann::json::parse(R"({"type": "pollVotes", "pollVotes": {"messageId": )" + std::to_string(poll) +
                                              R"(, "userId": )" + std::to_string(student.id) + R"(, "optionIds": [2]}})"));
    const nlohmann::json withdrawn = onlyEvent(vote(pupil, poll, classChat, {}));
    EXPECT_EQ(withdrawn["pollVotes"]["optionIds"], nlohmann::json::array());

    const std::vector<nlohmann::json> seen = payloads(syncAll(teacher, cursor).events, "pollVotes");
    ASSERT_FALSE(seen.empty());
    // Each log row renders the vote as it is now: withdrawn.
    for (const nlohmann::json& votes : seen) EXPECT_EQ(votes, withdrawn["pollVotes"]);

    const std::int64_t several = messageId(sendPoll(teacher, classChat, "Что взять с собой?", {"Еду", "Зонт", "Книгу"}, true));
    EXPECT_EQ(onlyEvent(vote(pupil, several, classChat, {3, 1}))["pollVotes"]["optionIds"], nlohmann::json::array({1, 3}));
}

TEST_F(MessageChangesTest, APollIsDecidedAsPostPollAndARepeatAnswersTheSameCopy) {
    HttpClient pupil = signedIn(student);
    HttpClient family = signedIn(parent);
    const std::int64_t eventsBefore = store().lastEventId(schoolId);
    const HttpAnswer refused = sendPoll(family, schoolChannel, "Кто придёт на собрание?", {"Приду", "Не смогу"});
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.errorCode(), "CHANNEL_READ_ONLY");
    EXPECT_EQ(store().lastEventId(schoolId), eventsBefore);

    const nlohmann::json body = {{"clientId", generateUuidV4()},
                                 {"chatId", classChat},
                                 {"text", "Во что играем?"},
                                 {"poll", {{"question", "Во что играем?"}, {"options", {"Футбол", "Баскетбол"}}}}};
    const HttpAnswer created = pupil.post("/api/v1/messages", body.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_FALSE(created.json()["message"]["poll"]["multipleChoice"].get<bool>());
    const HttpAnswer repeated = pupil.post("/api/v1/messages", body.dump());
    EXPECT_EQ(repeated.status, 200);
    EXPECT_EQ(repeated.body, created.body);
}

TEST_F(MessageChangesTest, AReadPositionReachesTheReadersOtherDevicesAndNobodyElse) {
    HttpClient teacher = signedIn(classTeacher);
    HttpClient phone = signedIn(student);
    HttpClient laptop = signedIn(student);
    const std::int64_t first = messageId(send(teacher, classChat, "Урок перенесён"));
    const std::int64_t second = messageId(send(teacher, classChat, "На третий этаж"));
    const std::string laptopCursor = syncAll(laptop).cursor;
    const std::string teacherCursor = syncAll(teacher).cursor;

    const nlohmann::json answered = onlyEvent(markRead(phone, classChat, second));
    EXPECT_EQ(answered, nlohmann::json::parse(R"({"type": "readState", "readState": {"chatId": )" +
                                              std::to_string(classChat) + R"(, "lastReadId": )" + std::to_string(second) + "}}"));
    // Only forward: an older position moves nothing and answers where the reader is.
    const std::int64_t eventsBefore = store().lastEventId(schoolId);
    EXPECT_EQ(onlyEvent(markRead(phone, classChat, first)), answered);
    EXPECT_EQ(store().lastEventId(schoolId), eventsBefore);

    EXPECT_EQ(payloads(syncAll(laptop, laptopCursor).events, "readState"), std::vector<nlohmann::json>{answered["readState"]});
    EXPECT_EQ(payloads(syncAll(phone).events, "readState"), std::vector<nlohmann::json>{answered["readState"]});
    // Another member's log moved, but nothing of it is theirs: the long-poll would wait, so
    // the teacher's read is answered by a message of their own.
    ASSERT_EQ(send(teacher, classChat, "Не опаздывайте").status, 201);
    EXPECT_EQ(payloads(syncAll(teacher, teacherCursor).events, "readState"), std::vector<nlohmann::json>{});
    HttpClient other = signedIn(classmate);
    EXPECT_EQ(payloads(syncAll(other).events, "readState"), std::vector<nlohmann::json>{});
}

// What a row does, and to what.
enum class Change { Edit, Delete, Vote, Read };
enum class Object {
    StudentsMessage,        // the student's message in the class chat
    OwnChannelMessage,      // the person's own message in the school channel, from before its rules
    StudentsDeletedMessage, // the student's message in the class chat, already deleted
    Poll,                   // the class teacher's single-choice poll of two options in the class chat
    ClassChat,              // the class chat, to be marked read up to the student's message
};

struct ChangeCase {
    const char* who;
    Change change;
    Object object;
    std::vector<std::int64_t> optionIds;  // Vote
    int status;
    const char* code;  // a refusal's
};

TEST_F(MessageChangesTest, EveryRefusalIsThePolicysOrTheClientsCode) {
    // who          change          object                          options  status code
    const std::vector<ChangeCase> cases = {
        {"student",   Change::Edit,   Object::StudentsMessage,        {},     200, ""},
        {"classmate", Change::Edit,   Object::StudentsMessage,        {},     403, "NOT_OWN_MESSAGE"},
        {"teacher",   Change::Edit,   Object::StudentsMessage,        {},     403, "NOT_OWN_MESSAGE"},
        {"parent",    Change::Edit,   Object::StudentsMessage,        {},     403, "ROLE_CONFLICT"},
        {"admin",     Change::Edit,   Object::StudentsMessage,        {},     403, "NOT_MEMBER"},
        {"parent",    Change::Edit,   Object::OwnChannelMessage,      {},     403, "CHANNEL_READ_ONLY"},
        {"student",   Change::Edit,   Object::StudentsDeletedMessage, {},     409, "MESSAGE_DELETED"},
        {"student",   Change::Delete, Object::StudentsMessage,        {},     200, ""},
        {"teacher",   Change::Delete, Object::StudentsMessage,        {},     200, ""},
        {"admin",     Change::Delete, Object::StudentsMessage,        {},     200, ""},
        {"classmate", Change::Delete, Object::StudentsMessage,        {},     403, "NOT_CHAT_MODERATOR"},
        {"parent",    Change::Delete, Object::StudentsMessage,        {},     403, "ROLE_CONFLICT"},
        {"parent",    Change::Delete, Object::OwnChannelMessage,      {},     403, "CHANNEL_READ_ONLY"},
        {"student",   Change::Delete, Object::StudentsDeletedMessage, {},     409, "MESSAGE_DELETED"},
        {"student",   Change::Vote,   Object::Poll,                   {1},    200, ""},
        {"classmate", Change::Vote,   Object::Poll,                   {},     200, ""},
        {"parent",    Change::Vote,   Object::Poll,                   {1},    403, "ROLE_CONFLICT"},
        {"admin",     Change::Vote,   Object::Poll,                   {1},    403, "NOT_MEMBER"},
        {"student",   Change::Vote,   Object::Poll,                   {1, 2}, 400, "BAD_POLL_CHOICE"},
        {"student",   Change::Vote,   Object::Poll,                   {3},    400, "BAD_POLL_CHOICE"},
        {"student",   Change::Vote,   Object::StudentsMessage,        {1},    400, "BAD_POLL_CHOICE"},
        {"student",   Change::Vote,   Object::StudentsDeletedMessage, {1},    409, "MESSAGE_DELETED"},
        {"student",   Change::Read,   Object::ClassChat,              {},     200, ""},
        {"teacher",   Change::Read,   Object::ClassChat,              {},     200, ""},
        {"parent",    Change::Read,   Object::ClassChat,              {},     403, "ROLE_CONFLICT"},
        {"admin",     Change::Read,   Object::ClassChat,              {},     403, "NOT_MEMBER"},
    };
    const std::map<std::string, const Person*> people = {{"admin", &admin},     {"teacher", &classTeacher},
                                                         {"student", &student}, {"parent", &parent},
                                                         {"classmate", &classmate}};
    HttpClient pupil = signedIn(student);
    HttpClient teacher = signedIn(classTeacher);
    for (const ChangeCase& row : cases) {
        const std::string label = std::string(row.who) + ", row " + std::to_string(&row - cases.data());
        const Person& person = *people.at(row.who);
        HttpClient client = signedIn(person);
        std::int64_t chatId = classChat;
        std::int64_t id = 0;
        switch (row.object) {
            case Object::StudentsMessage:
            case Object::ClassChat: id = messageId(send(pupil, classChat, "Сообщение ученика")); break;
            case Object::StudentsDeletedMessage:
                id = messageId(send(pupil, classChat, "Удалённое сообщение"));
                ASSERT_EQ(remove(pupil, id, classChat).status, 200);
                break;
            case Object::Poll: id = messageId(sendPoll(teacher, classChat, "Когда собрание?", {"Вторник", "Четверг"})); break;
            case Object::OwnChannelMessage:
                // Stored as it was written before the channel became read-only for this person:
                // an own message the policy no longer lets them change.
                chatId = schoolChannel;
                id = store()
                         .postMessage({schoolId, schoolChannel, person.id, generateUuidV4(), "Старое объявление",
                                       std::nullopt, 1700000000000, std::nullopt, {}})
                         .message.id;
                break;
        }
        const std::int64_t eventsBefore = store().lastEventId(schoolId);
        HttpAnswer answer;
        switch (row.change) {
            case Change::Edit: answer = edit(client, id, chatId, "Исправленный текст"); break;
            case Change::Delete: answer = remove(client, id, chatId); break;
            case Change::Vote: answer = vote(client, id, chatId, row.optionIds); break;
            case Change::Read: answer = markRead(client, chatId, id); break;
        }
        EXPECT_EQ(answer.status, row.status) << label << ": " << answer.body;
        if (row.status == 200) {
            EXPECT_TRUE(sync::parseChangeAnswer(answer.body).has_value()) << label << ": " << answer.body;
            continue;
        }
        EXPECT_EQ(answer.errorCode(), row.code) << label;
        if (const std::optional<policy::Reason> reason = policy::reasonFromCode(row.code)) {
            const LocalizedText expected = policy::reasonMessage(*reason);
            EXPECT_EQ(answer.json()["error"]["message"]["en"], std::string(expected.en)) << label;
        }
        EXPECT_EQ(store().lastEventId(schoolId), eventsBefore) << label << ": a refusal wrote something";
    }
}

TEST_F(MessageChangesTest, TheSameClientIdTenTimesGivesOneEffect) {
    HttpClient pupil = signedIn(student);
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t edited = messageId(send(pupil, classChat, "Черновик"));
    const std::int64_t deleted = messageId(send(pupil, classChat, "Лишнее"));
    const std::int64_t poll = messageId(sendPoll(teacher, classChat, "Пойдёте на концерт?", {"Да", "Нет"}));
    const std::string cursor = syncAll(teacher).cursor;

    const std::vector<std::function<HttpAnswer(const std::string&)>> changes = {
        [&](const std::string& clientId) { return edit(pupil, edited, classChat, "Чистовик", clientId); },
        [&](const std::string& clientId) { return remove(pupil, deleted, classChat, clientId); },
        [&](const std::string& clientId) { return vote(pupil, poll, classChat, {1}, clientId); },
        [&](const std::string& clientId) { return markRead(pupil, classChat, poll, clientId); },
    };
    for (std::size_t change = 0; change < changes.size(); ++change) {
        const std::string clientId = generateUuidV4();
        const std::int64_t eventsBefore = store().lastEventId(schoolId);
        const HttpAnswer first = changes[change](clientId);
        ASSERT_EQ(first.status, 200) << first.body;
        for (int repeat = 1; repeat < 10; ++repeat) {
            const HttpAnswer again = changes[change](clientId);
            EXPECT_EQ(again.status, 200) << "change " << change;
            EXPECT_EQ(again.body, first.body) << "change " << change << ": a repeat answers as the first did";
        }
        EXPECT_EQ(store().lastEventId(schoolId), eventsBefore + 1) << "change " << change;
    }
    const nlohmann::json events = syncAll(teacher, cursor).events;
    EXPECT_EQ(payloads(events, "messageEdited").size(), 1u);
    EXPECT_EQ(payloads(events, "messageDeleted").size(), 1u);
    EXPECT_EQ(payloads(events, "pollVotes").size(), 1u);
}

TEST_F(MessageChangesTest, ARepeatAfterTheMessageWasDeletedAnswersOnlyItsDeletion) {
    HttpClient pupil = signedIn(student);
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t id = messageId(send(pupil, classChat, "Первый текст"));
    const std::string clientId = generateUuidV4();
    ASSERT_EQ(edit(pupil, id, classChat, "Второй текст", clientId).status, 200);
    ASSERT_EQ(remove(teacher, id, classChat).status, 200);
    // Deletion is final: not even the answer to a repeated edit shows the text again.
    const nlohmann::json again = onlyEvent(edit(pupil, id, classChat, "Второй текст", clientId));
    EXPECT_EQ(again["type"], "messageDeleted");
    EXPECT_EQ(again.dump().find("Второй текст"), std::string::npos);
}

TEST_F(MessageChangesTest, IdsOfAnotherSchoolOrAnotherChatAreAnsweredAsUnknown) {
    HttpClient teacher = signedIn(classTeacher);
    HttpClient other = signedIn(stranger);
    const std::int64_t id = messageId(send(teacher, classChat, "Только для 5А"));
    const std::int64_t elsewhere = messageId(send(teacher, parentsChat, "Только для родителей"));
    const std::int64_t nowhere = 987654321;

    // Another school's message, named with the stranger's own chat or with its real one.
    const HttpAnswer foreign = edit(other, id, strangerClassChat, "Взлом");
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(foreign.errorCode(), "UNKNOWN_MESSAGE");
    EXPECT_EQ(foreign.body, edit(other, nowhere, strangerClassChat, "Взлом").body);
    for (const HttpAnswer& answer : {edit(other, id, classChat, "Взлом"), remove(other, id, classChat),
                                     vote(other, id, classChat, {1}), markRead(other, classChat, id)}) {
        EXPECT_EQ(answer.status, 404) << answer.body;
        EXPECT_EQ(answer.errorCode(), "UNKNOWN_CHAT");
    }
    // A message of this school named with another of its chats.
    for (const HttpAnswer& answer : {edit(teacher, id, parentsChat, "Не тот чат"), remove(teacher, id, parentsChat),
                                     markRead(teacher, classChat, elsewhere)}) {
        EXPECT_EQ(answer.status, 404) << answer.body;
        EXPECT_EQ(answer.errorCode(), "UNKNOWN_MESSAGE");
    }
    HttpClient pupil = signedIn(student);
    for (const nlohmann::json& message : payloads(syncAll(pupil).events, "message")) EXPECT_FALSE(message["deleted"].get<bool>());
}

TEST_F(MessageChangesTest, MalformedBodiesAnswer400WithTheFieldAndChangeNothing) {
    HttpClient pupil = signedIn(student);
    const std::int64_t id = messageId(send(pupil, classChat, "Исходный текст"));
    const std::string message = "/api/v1/messages/" + std::to_string(id);
    const std::string chat = std::to_string(classChat);
    const std::string uuid = R"("clientId": "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d")";
    struct BadBody {
        std::string path;
        std::string body;
        const char* code;
        const char* detail;
    };
    const std::vector<BadBody> bodies = {
        {message + "/edit", "{", "BAD_REQUEST", "expected a JSON document"},
        {message + "/edit", "{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "Новый", "replyTo": 1})", "BAD_REQUEST",
         "replyTo: unknown member"},
        {message + "/edit", "{" + uuid + R"(, "text": "Новый"})", "BAD_REQUEST", "chatId: required"},
        {message + "/edit", "{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "  "})", "EMPTY_TEXT",
         "text: empty or only whitespace"},
        {message + "/edit", "{" + uuid + R"(, "chatId": )" + chat + R"(, "text": ")" + std::string(4097, 'a') + R"("})",
         "BAD_REQUEST", "text: expected at most 4096 characters"},
        {message + "/edit", "{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "a\u0000b"})", "BAD_REQUEST",
         "text: expected UTF-8 text without NUL characters"},
        {message + "/delete", R"({"clientId": "not-a-uuid", "chatId": )" + chat + "}", "BAD_REQUEST",
         "clientId: expected a lower-case UUID"},
        {message + "/delete", "{" + uuid + R"(, "chatId": 0})", "BAD_REQUEST", "chatId: expected a positive integer id"},
        {message + "/votes", "{" + uuid + R"(, "chatId": )" + chat + "}", "BAD_REQUEST", "optionIds: required"},
        {message + "/votes", "{" + uuid + R"(, "chatId": )" + chat + R"(, "optionIds": 1})", "BAD_REQUEST",
         "optionIds: expected an array of at most 10 ids"},
        {message + "/votes", "{" + uuid + R"(, "chatId": )" + chat + R"(, "optionIds": [1, "2"]})", "BAD_REQUEST",
         "optionIds[1]: expected a positive integer id"},
        {"/api/v1/chats/" + chat + "/read", "{" + uuid + "}", "BAD_REQUEST", "lastReadId: required"},
        {"/api/v1/chats/" + chat + "/read", "[]", "BAD_REQUEST", "expected a JSON object"},
        {"/api/v1/messages", "{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "Опрос", "poll": {"question": "Когда?",
         "options": ["Сегодня"]}})", "BAD_REQUEST", "poll.options: expected an array of 2 to 10 texts"},
        {"/api/v1/messages", "{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "Опрос", "poll": {"question": "Когда?",
         "options": ["Сегодня", ""]}})", "BAD_REQUEST", "poll.options[1]: expected 1 to 256 characters"},
        {"/api/v1/messages", "{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "Опрос", "poll": {"question": "",
         "options": ["Да", "Нет"]}})", "BAD_REQUEST", "poll.question: expected 1 to 4096 characters"},
        {"/api/v1/messages", "{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "Опрос", "poll": {"question": "Когда?",
         "options": ["Да", "Нет"], "anonymous": true}})", "BAD_REQUEST", "poll.anonymous: unknown member"},
        {"/api/v1/messages", "{" + uuid + R"(, "chatId": )" + chat + R"(, "text": "Опрос", "poll": {"question": "Когда?",
         "multipleChoice": "yes", "options": ["Да", "Нет"]}})", "BAD_REQUEST", "poll.multipleChoice: expected true or false"},
    };
    const std::int64_t eventsBefore = store().lastEventId(schoolId);
    for (const BadBody& bad : bodies) {
        const HttpAnswer answer = pupil.post(bad.path, bad.body);
        EXPECT_EQ(answer.status, 400) << bad.path << " " << bad.body;
        EXPECT_EQ(answer.errorCode(), bad.code) << bad.body;
        EXPECT_EQ(answer.json()["error"].value("detail", ""), bad.detail) << bad.body;
    }
    // Paths that name no endpoint, and a method these paths do not take.
    for (const char* path : {"/api/v1/messages/abc/edit", "/api/v1/messages/0/edit", "/api/v1/messages/01/edit",
                             "/api/v1/messages/99999999999999999999/delete", "/api/v1/messages/5/star",
                             "/api/v1/chats/5/unread", "/api/v1/messages/5"}) {
        EXPECT_EQ(pupil.post(path, "{}").status, 404) << path;
    }
    EXPECT_EQ(pupil.get(message + "/edit").status, 405);
    EXPECT_EQ(store().lastEventId(schoolId), eventsBefore);
}

TEST_F(MessageChangesTest, AMembersLongPollWakesOnAnEdit) {
    HttpClient pupil = signedIn(student);
    HttpClient teacher = signedIn(classTeacher);
    const std::int64_t id = messageId(send(pupil, classChat, "Будет контрольная?"));
    const std::string cursor = syncAll(teacher).cursor;
    std::future<HttpAnswer> poll = std::async(std::launch::async, [&] { return teacher.get("/api/v1/sync?since=" + cursor); });
    waitForParkedPolls(1);
    ASSERT_EQ(edit(pupil, id, classChat, "Будет ли контрольная в пятницу?").status, 200);
    const HttpAnswer woken = poll.get();
    ASSERT_EQ(woken.status, 200);
    const std::vector<nlohmann::json> edits = payloads(woken.json()["events"], "messageEdited");
    ASSERT_EQ(edits.size(), 1u);
    EXPECT_EQ(edits[0]["text"], "Будет ли контрольная в пятницу?");
}

TEST_F(MessageChangesTest, AReadPositionWakesTheReadersOtherDeviceAndNotAnotherMember) {
    HttpClient teacher = signedIn(classTeacher);
    HttpClient phone = signedIn(student);
    HttpClient laptop = signedIn(student);
    const std::int64_t id = messageId(send(teacher, classChat, "Завтра линейка"));
    const std::string laptopCursor = syncAll(laptop).cursor;
    const std::string teacherCursor = syncAll(teacher).cursor;
    std::future<HttpAnswer> laptopPoll =
        std::async(std::launch::async, [&] { return laptop.get("/api/v1/sync?since=" + laptopCursor); });
    std::future<HttpAnswer> teacherPoll =
        std::async(std::launch::async, [&] { return teacher.get("/api/v1/sync?since=" + teacherCursor); });
    waitForParkedPolls(2);

    ASSERT_EQ(markRead(phone, classChat, id).status, 200);
    const HttpAnswer woken = laptopPoll.get();
    EXPECT_EQ(payloads(woken.json()["events"], "readState").size(), 1u) << woken.body;
    // The teacher's poll is still parked: nothing of it was theirs. A message ends it.
    waitForParkedPolls(1);
    EXPECT_EQ(server().waitingPolls(), 1u);
    ASSERT_EQ(send(phone, classChat, "Спасибо!").status, 201);
    const HttpAnswer teachers = teacherPoll.get();
    EXPECT_EQ(payloads(teachers.json()["events"], "readState"), std::vector<nlohmann::json>{});
    EXPECT_EQ(payloads(teachers.json()["events"], "message").size(), 1u);
}

}  // namespace
}  // namespace parta::testing
