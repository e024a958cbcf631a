// GET /api/v1/sync: pages core's parser accepts, cursors, reset, the long-poll, and schools
// that never cross (docs/protocol.md, docs/server.md).
#include <gtest/gtest.h>

#include <future>
#include <set>

#include "server/support/school_fixture.h"
#include "sync/sync_page.h"

namespace parta::testing {
namespace {

using SyncTest = SchoolFixture;

// Every payload of one type, in order.
std::vector<nlohmann::json> payloads(const nlohmann::json& events, const std::string& type) {
    std::vector<nlohmann::json> found;
    for (const nlohmann::json& event : events) {
        if (event["type"] == type) found.push_back(event[type]);
    }
    return found;
}

std::set<std::int64_t> ids(const std::vector<nlohmann::json>& objects, const char* field = "id") {
    std::set<std::int64_t> found;
    for (const nlohmann::json& object : objects) found.insert(object[field].get<std::int64_t>());
    return found;
}

std::vector<std::string> texts(const nlohmann::json& events) {
    std::vector<std::string> found;
    for (const nlohmann::json& message : payloads(events, "message")) found.push_back(message["text"]);
    return found;
}

TEST_F(SyncTest, FirstPageIsAValidPageWithTheProfileAndTheReadersChatsOnly) {
    HttpClient client = signedIn(student);
    const HttpAnswer answer = client.get("/api/v1/sync?limit=1000");
    ASSERT_EQ(answer.status, 200);
    EXPECT_EQ(answer.header("cache-control"), "no-store");
    const sync::SyncPageParse parsed = sync::parseSyncPage(answer.body);
    ASSERT_TRUE(parsed.ok()) << parsed.error->describe() << "\n" << answer.body;
    EXPECT_FALSE(parsed.page.more);

    const nlohmann::json events = answer.json()["events"];
    ASSERT_EQ(events[0]["type"], "me");
    EXPECT_EQ(events[0]["me"]["userId"], student.id);
    EXPECT_EQ(events[0]["me"]["roles"], nlohmann::json::array({"student"}));
    EXPECT_EQ(events[0]["me"]["studentOf"], "5А");
    EXPECT_EQ(ids(payloads(events, "chat")), (std::set<std::int64_t>{schoolChannel, classChat}));
    // The members of the student's chats, each named before their membership.
    EXPECT_EQ(ids(payloads(events, "user")),
              (std::set<std::int64_t>{admin.id, classTeacher.id, student.id, parent.id, classmate.id}));
    for (const nlohmann::json& membership : payloads(events, "membership")) {
        EXPECT_NE(membership["chatId"], parentsChat);
    }
}

TEST_F(SyncTest, AMembershipThePolicyForbidsBringsNothing) {
    // A parent listed in the class chat, against the membership rules (ROLE_CONFLICT): the
    // listing alone must not let them read it.
    store().addMember(classChat, parent.id, "member");
    HttpClient teacher = signedIn(classTeacher);
    ASSERT_EQ(send(teacher, classChat, "Только для учеников").status, 201);
    HttpClient client = signedIn(parent);
    const Synced synced = syncAll(client);
    EXPECT_EQ(ids(payloads(synced.events, "chat")), (std::set<std::int64_t>{schoolChannel, parentsChat}));
    EXPECT_EQ(texts(synced.events), std::vector<std::string>{});
}

TEST_F(SyncTest, AParentsProfileNamesTheirChild) {
    HttpClient client = signedIn(parent);
    const nlohmann::json me = client.get("/api/v1/sync").json()["events"][0]["me"];
    EXPECT_EQ(me["children"], nlohmann::json::parse(R"([{"userId": )" + std::to_string(student.id) + R"(, "classId": "5А"}])"));
}

TEST_F(SyncTest, SmallPagesResumeFromTheirCursorAndAddUpToTheWholeSnapshot) {
    HttpClient teacher = signedIn(classTeacher);
    for (int i = 0; i < 5; ++i) ASSERT_EQ(send(teacher, classChat, "Задание " + std::to_string(i)).status, 201);

    HttpClient client = signedIn(student);
    const Synced whole = syncAll(client, "", 1000);
    const Synced paged = syncAll(client, "", 2);
    EXPECT_EQ(paged.events, whole.events);
    EXPECT_EQ(paged.cursor, whole.cursor);
    EXPECT_EQ(texts(whole.events), (std::vector<std::string>{"Задание 0", "Задание 1", "Задание 2", "Задание 3", "Задание 4"}));

    ASSERT_EQ(send(teacher, classChat, "Новое").status, 201);
    const Synced next = syncAll(client, whole.cursor);
    ASSERT_EQ(next.events.size(), 1u) << next.events.dump();
    EXPECT_EQ(texts(next.events), std::vector<std::string>{"Новое"});
}

TEST_F(SyncTest, ClientIdTravelsOnlyInTheSendersOwnStream) {
    HttpClient teacher = signedIn(classTeacher);
    const std::string clientId = "3f1c2a9e-6b7d-4e10-9a2b-5c8d7e6f4a31";
    ASSERT_EQ(send(teacher, classChat, "Собрание в четверг", clientId).status, 201);
    HttpClient pupil = signedIn(student);
    EXPECT_EQ(payloads(syncAll(teacher).events, "message").at(0)["clientId"], clientId);
    EXPECT_TRUE(payloads(syncAll(pupil).events, "message").at(0)["clientId"].is_null());
}

TEST_F(SyncTest, ACursorTheSchoolsLogCannotHaveWrittenAnswersResetThenTheSnapshot) {
    HttpClient client = signedIn(student);
    const std::string ownCursor = syncAll(client).cursor;
    HttpClient other = signedIn(stranger);
    const std::string otherSchoolsCursor = syncAll(other).cursor;
    const std::string beyondTheLog = "v1-" + std::to_string(schoolId) + "-999999";
    for (const std::string& since : {std::string("garbage"), otherSchoolsCursor, beyondTheLog, std::string("v1-01-2")}) {
        const HttpAnswer answer = client.get("/api/v1/sync?since=" + since);
        ASSERT_EQ(answer.status, 200) << since;
        ASSERT_TRUE(sync::parseSyncPage(answer.body).ok()) << answer.body;
        const nlohmann::json events = answer.json()["events"];
        EXPECT_EQ(events[0]["type"], "reset") << since;
        EXPECT_EQ(events[1]["type"], "me") << since;
        EXPECT_EQ(ids(payloads(events, "chat")), (std::set<std::int64_t>{schoolChannel, classChat})) << since;
        EXPECT_EQ(answer.json()["cursor"], ownCursor) << since;
    }
}

TEST_F(SyncTest, AChatJoinedSinceTheCursorComesWholeThroughAResetWhileANewChatDoesNotStartOver) {
    HttpClient pupil = signedIn(student);
    HttpClient teacher = signedIn(classTeacher);
    const Synced first = syncAll(pupil);
    ASSERT_EQ(teacher.del("/api/v1/chats/" + std::to_string(classChat) + "/members/" + std::to_string(student.id)).status,
              200);
    // Written while the student was out; the school channel's message then moves their cursor past it.
    ASSERT_EQ(send(teacher, classChat, "Пока тебя не было: параграф 12").status, 201);
    HttpClient office = signedIn(admin);
    ASSERT_EQ(send(office, schoolChannel, "Линейка в понедельник").status, 201);
    const Synced out = syncAll(pupil, first.cursor);
    ASSERT_EQ(texts(out.events), std::vector<std::string>{"Линейка в понедельник"}) << out.events.dump();

    store().addMember(classChat, student.id, "member");
    const Synced back = syncAll(pupil, out.cursor);
    ASSERT_FALSE(back.events.empty());
    EXPECT_EQ(back.events[0]["type"], "reset") << back.events.dump();
    EXPECT_EQ(texts(back.events), (std::vector<std::string>{"Пока тебя не было: параграф 12", "Линейка в понедельник"}));

    // A chat created with them has no history to miss: it comes as it is.
    const HttpAnswer created = teacher.post(
        "/api/v1/chats", nlohmann::json{{"kind", "subject_chat"}, {"title", "Математика 5А"}, {"classId", "5А"}}.dump());
    ASSERT_EQ(created.status, 201) << created.body;
    const nlohmann::json createdChat = created.json();
    const Synced fresh = syncAll(pupil, back.cursor);
    EXPECT_TRUE(payloads(fresh.events, "reset").empty()) << fresh.events.dump();
    EXPECT_EQ(ids(payloads(fresh.events, "chat")), std::set<std::int64_t>{createdChat["events"][0]["chat"]["id"].get<std::int64_t>()})
        << created.body;
}

TEST_F(SyncTest, TheSchoolChannelReachesEveryoneWithoutJoiningAndTheStaffChannelOnlyTheStaff) {
    // The classmate never joined the school channel, and nobody joined the staff channel.
    const std::int64_t staffChannel =
        store().createChat(server::NewChat{schoolId, "staff_channel", "", "Сотрудники", 1700000000000});
    HttpClient office = signedIn(admin);
    ASSERT_EQ(send(office, schoolChannel, "Линейка в понедельник").status, 201);
    ASSERT_EQ(send(office, staffChannel, "Педсовет в среду").status, 201) << "the admin writes without joining";

    HttpClient pupil = signedIn(classmate);
    const Synced first = syncAll(pupil);
    EXPECT_EQ(ids(payloads(first.events, "chat")), (std::set<std::int64_t>{schoolChannel, classChat}));
    EXPECT_EQ(texts(first.events), std::vector<std::string>{"Линейка в понедельник"});
    HttpClient teacher = signedIn(classTeacher);
    EXPECT_EQ(texts(syncAll(teacher).events),
              (std::vector<std::string>{"Линейка в понедельник", "Педсовет в среду"}));

    // A new post in the channel wakes the poll of someone who is not its member.
    auto poll = std::async(std::launch::async, [&] { return syncAll(pupil, first.cursor); });
    waitForParkedPolls(1);
    ASSERT_EQ(send(office, schoolChannel, "Завтра сокращённые уроки").status, 201);
    EXPECT_EQ(texts(poll.get().events), std::vector<std::string>{"Завтра сокращённые уроки"});

    // A parent who joins the staff by a teacher link is entitled to the staff channel's history:
    // their next page starts over, and the snapshot carries it.
    HttpClient mother = signedIn(parent);
    const Synced asParent = syncAll(mother);
    EXPECT_EQ(texts(asParent.events), (std::vector<std::string>{"Линейка в понедельник", "Завтра сокращённые уроки"}));
    server::NewInvite teacherLink;
    teacherLink.schoolId = schoolId;
    teacherLink.codeHash = std::string(64, 'a');
    teacherLink.grantedRole = policy::SchoolRole::Teacher;
    teacherLink.label = "Новые учителя";
    teacherLink.createdBy = admin.id;
    teacherLink.createdAt = 1700000000000;
    teacherLink.expiresAt = INT64_MAX;
    teacherLink.usageLimit = 1;
    const std::int64_t inviteId = store().createInvite(teacherLink);
    server::Admission admission;
    admission.schoolId = schoolId;
    admission.inviteId = inviteId;
    admission.userId = parent.id;
    admission.nowMs = 1700000000000;
    ASSERT_EQ(store().admit(admission).result, server::AdmissionOutcome::Result::Joined);
    const Synced asStaff = syncAll(mother, asParent.cursor);
    ASSERT_FALSE(asStaff.events.empty());
    EXPECT_EQ(asStaff.events[0]["type"], "reset") << asStaff.events.dump();
    EXPECT_EQ(texts(asStaff.events),
              (std::vector<std::string>{"Линейка в понедельник", "Педсовет в среду", "Завтра сокращённые уроки"}));
}

TEST_F(SyncTest, ALongPollWakesWhenAnotherMemberSends) {
    HttpClient pupil = signedIn(student);
    const std::string cursor = syncAll(pupil).cursor;
    std::future<HttpAnswer> poll = std::async(std::launch::async, [&] { return pupil.get("/api/v1/sync?since=" + cursor); });
    waitForParkedPolls(1);

    HttpClient teacher = signedIn(classTeacher);
    ASSERT_EQ(send(teacher, classChat, "Не забудьте учебники").status, 201);
    const HttpAnswer answer = poll.get();
    ASSERT_EQ(answer.status, 200);
    EXPECT_EQ(texts(answer.json()["events"]), std::vector<std::string>{"Не забудьте учебники"});
    EXPECT_EQ(server().waitingPolls(), 0u);
}

TEST_F(SyncTest, ALongPollSleepsThroughEventsOfChatsTheReaderIsNotIn) {
    HttpClient pupil = signedIn(student);
    const std::string cursor = syncAll(pupil).cursor;
    std::future<HttpAnswer> poll = std::async(std::launch::async, [&] { return pupil.get("/api/v1/sync?since=" + cursor); });
    waitForParkedPolls(1);

    HttpClient teacher = signedIn(classTeacher);
    ASSERT_EQ(send(teacher, parentsChat, "Родительское собрание в пятницу").status, 201);
    // The send answers after the members of its chat were woken; the student is not one.
    EXPECT_EQ(server().waitingPolls(), 1u);
    ASSERT_EQ(send(teacher, classChat, "Урок перенесён").status, 201);
    const HttpAnswer answer = poll.get();
    EXPECT_EQ(texts(answer.json()["events"]), std::vector<std::string>{"Урок перенесён"});
}

TEST_F(SyncTest, TwoSchoolsNeverCross) {
    HttpClient other = signedIn(stranger);
    const Synced first = syncAll(other);
    EXPECT_EQ(ids(payloads(first.events, "chat")), std::set<std::int64_t>{strangerClassChat});
    EXPECT_EQ(ids(payloads(first.events, "user")), (std::set<std::int64_t>{stranger.id, strangerTeacher.id}));

    std::future<HttpAnswer> poll =
        std::async(std::launch::async, [&] { return other.get("/api/v1/sync?since=" + first.cursor); });
    waitForParkedPolls(1);
    HttpClient teacher = signedIn(classTeacher);
    ASSERT_EQ(send(teacher, schoolChannel, "Школа 15: линейка в 8:30").status, 403);  // a teacher in a channel
    HttpClient schoolAdmin = signedIn(admin);
    ASSERT_EQ(send(schoolAdmin, schoolChannel, "Школа 15: линейка в 8:30").status, 201);
    ASSERT_EQ(send(teacher, classChat, "Школа 15: 5А").status, 201);
    EXPECT_EQ(server().waitingPolls(), 1u);
    HttpClient otherTeacher = signedIn(strangerTeacher);
    ASSERT_EQ(send(otherTeacher, strangerClassChat, "Гимназия 2: 7Б").status, 201);
    EXPECT_EQ(texts(poll.get().json()["events"]), std::vector<std::string>{"Гимназия 2: 7Б"});

    // And the other way: nothing of school 2 reaches school 1, from the start of its log.
    HttpClient pupil = signedIn(student);
    const Synced own = syncAll(pupil);
    EXPECT_EQ(ids(payloads(own.events, "chat")).count(strangerClassChat), 0u);
    EXPECT_EQ(ids(payloads(own.events, "user")).count(stranger.id), 0u);
    EXPECT_EQ(texts(own.events), (std::vector<std::string>{"Школа 15: линейка в 8:30", "Школа 15: 5А"}));
}

TEST_F(SyncTest, ALongPollThatRunsOutAnswersAnEmptyPageAtTheSameCursor) {
    server::ServerOptions options = testOptions();
    options.longPoll = std::chrono::milliseconds(50);
    std::uint16_t shortPollPort = 0;
    const auto shortPolls = startServer(options, shortPollPort);
    HttpClient pupil(shortPollPort);
    ASSERT_EQ(pupil.signIn(student.login, kPassword).status, 200);
    const std::string cursor = syncAll(pupil).cursor;
    const HttpAnswer answer = pupil.get("/api/v1/sync?since=" + cursor);
    ASSERT_EQ(answer.status, 200);
    ASSERT_TRUE(sync::parseSyncPage(answer.body).ok()) << answer.body;
    EXPECT_EQ(answer.json()["events"], nlohmann::json::array());
    EXPECT_EQ(answer.json()["cursor"], cursor);
    EXPECT_EQ(answer.json()["more"], false);
    EXPECT_EQ(shortPolls->waitingPolls(), 0u);
}

TEST_F(SyncTest, ALimitOutsideOneToAThousandIsRefused) {
    HttpClient client = signedIn(student);
    for (const char* limit : {"0", "1001", "-1", "ten", "", "5x"}) {
        const HttpAnswer answer = client.get(std::string("/api/v1/sync?limit=") + limit);
        EXPECT_EQ(answer.status, 400) << limit;
        EXPECT_EQ(answer.errorCode(), "BAD_REQUEST") << limit;
    }
}

}  // namespace
}  // namespace parta::testing
