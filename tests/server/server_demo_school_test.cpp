// The demo school (server/demo): seeded once into an empty database, the same every time, and
// nothing in it the policy forbids; each demo person signs in with the documented password and
// sees the chats the policy lets them read, over real HTTP.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "api/invite_answers.h"
#include "invite/invite_defaults.h"
#include "auth/password_hasher.h"
#include "client/policy_inputs.h"
#include "client/poll_choice.h"
#include "demo/demo_school.h"
#include "demo/demo_school_content.h"
#include "policy/decide.h"
#include "policy/reason.h"
#include "random/uuid.h"
#include "reference_server.h"
#include "server/support/http_client.h"
#include "store/sqlite_server_store.h"

namespace parta::testing {
namespace {

// A fixed moment, so nothing here depends on the clock: 2 December 2026, 10:00 UTC.
constexpr std::int64_t kNowMs = 1796205600000;
constexpr std::int64_t kMinuteMs = 60 * 1000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;
// A code's check symbol may be one of "*~$=", which a query escapes.
std::string queryEscaped(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string escaped;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || c == '-') {
            escaped += c;
        } else {
            escaped += {'%', kHex[byte >> 4], kHex[byte & 0xf]};
        }
    }
    return escaped;
}

const std::string kDirectChat = "Марина Сергеевна Кузнецова и Наталья Сергеевна Смирнова";

class DemoSchoolTest : public ::testing::Test {
protected:
    void SetUp() override {
        directory_ = std::filesystem::temp_directory_path() / ("parta-demo-test-" + generateUuidV4());
        std::filesystem::create_directories(directory_);
        store_ = openStore("demo.sqlite3");
        files_ = std::make_unique<server::AttachmentFiles>(attachmentsFolder());
        seeding_ = server::seedDemoSchool(*store_, *files_, passwords_, kNowMs);
    }

    void TearDown() override {
        server_.reset();
        store_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }

    std::filesystem::path attachmentsFolder() const { return directory_ / "attachments"; }

    std::unique_ptr<server::SqliteServerStore> openStore(const std::string& name) {
        return std::make_unique<server::SqliteServerStore>((directory_ / name).string());
    }

    // The server's clock stands a minute after the seeding, so the links it made are as fresh
    // whenever the test runs.
    std::uint16_t port() {
        if (!server_) {
            server::ServerOptions options;
            options.port = 0;
            options.passwordCost = server::PasswordCost::TestOnlyMinimal;
            options.clock = [] { return kNowMs + kMinuteMs; };
            options.attachmentsFolder = attachmentsFolder();
            server_ = std::make_unique<server::ReferenceServer>(options, *store_);
            port_ = server_->start();
        }
        return port_;
    }

    HttpClient signedIn(const std::string& login) {
        HttpClient client(port());
        const HttpAnswer answer = client.signIn(login, "demo-" + login);
        EXPECT_EQ(answer.status, 200) << login << ": " << answer.body;
        return client;
    }

    // Every event of a first sync, following `more` (bounded: the demo's log is a few hundred).
    static std::vector<nlohmann::json> firstSync(HttpClient& client) {
        std::vector<nlohmann::json> events;
        std::string cursor;
        for (int page = 0; page < 50; ++page) {
            const HttpAnswer answer = client.get("/api/v1/sync?limit=1000" + (cursor.empty() ? "" : "&since=" + cursor));
            EXPECT_EQ(answer.status, 200) << answer.body;
            if (answer.status != 200) return events;
            const nlohmann::json pageJson = answer.json();
            for (const nlohmann::json& event : pageJson["events"]) events.push_back(event);
            cursor = pageJson["cursor"].get<std::string>();
            if (!pageJson["more"].get<bool>()) return events;
        }
        ADD_FAILURE() << "sync did not end within 50 pages";
        return events;
    }

    // The titles of the chats a first sync names.
    static std::set<std::string> chatTitles(HttpClient& client) {
        std::set<std::string> titles;
        for (const nlohmann::json& event : firstSync(client)) {
            if (event["type"] == "chat") titles.insert(event["chat"]["title"].get<std::string>());
        }
        return titles;
    }

    // The whole log of the school: every chat is named, so every event is read (as reader 0,
    // no one, whose read positions there are none of).
    std::vector<server::LogEntry> wholeLog(server::ServerStore& store, std::int64_t schoolId) {
        std::vector<std::int64_t> chats;
        for (const auto& [title, id] : seeding_.chatIds) chats.push_back(id);
        return store.readLog(schoolId, 0, chats, 0, 100000).entries;
    }

    HttpAnswer send(HttpClient& client, const std::string& chatTitle, const std::string& text) {
        const nlohmann::json body = {{"clientId", generateUuidV4()},
                                     {"chatId", seeding_.chatIds.at(chatTitle)},
                                     {"text", text},
                                     {"replyTo", nullptr}};
        return client.post("/api/v1/messages", body.dump());
    }

    const server::PasswordHasher passwords_{server::PasswordCost::TestOnlyMinimal};
    std::filesystem::path directory_;
    std::unique_ptr<server::SqliteServerStore> store_;
    std::unique_ptr<server::AttachmentFiles> files_;
    server::DemoSchoolSeeding seeding_;
    std::unique_ptr<server::ReferenceServer> server_;
    std::uint16_t port_ = 0;
};

TEST_F(DemoSchoolTest, AnEmptyDatabaseGetsTheWholeSchool) {
    ASSERT_TRUE(seeding_.seeded);
    // admin, director, 3 teachers, 8 students, 8 parents, and the parent whose request waits
    EXPECT_EQ(seeding_.userIds.size(), 22u);
    EXPECT_EQ(seeding_.chatIds.size(), 11u);
    EXPECT_GE(seeding_.messages, 200);
    EXPECT_EQ(seeding_.polls, 4);
    EXPECT_GE(seeding_.votes, 15);
    EXPECT_EQ(seeding_.invites, 5);
    EXPECT_EQ(seeding_.joinRequests, 1);
    EXPECT_EQ(seeding_.rosterEntries, 32);
    EXPECT_EQ(seeding_.attachments, 1);
    // Every chat kind the policy knows is there.
    std::set<std::string> kinds;
    for (const server::demo::DemoChat& chat : server::demo::demoChats()) kinds.insert(chat.kind);
    for (const policy::ChatKind kind : policy::kAllChatKinds) {
        EXPECT_EQ(kinds.count(std::string(policy::nameOf(kind))), 1u) << policy::nameOf(kind);
    }
}

TEST_F(DemoSchoolTest, ASecondSeedingChangesNothing) {
    const std::int64_t lastEvent = store_->lastEventId(seeding_.schoolId);
    const std::vector<server::Invite> invites = store_->invites(seeding_.schoolId, "");
    const std::vector<server::JoinRequest> requests = store_->pendingJoinRequests(seeding_.schoolId);
    const server::DemoSchoolSeeding again = server::seedDemoSchool(*store_, *files_, passwords_, kNowMs + kDayMs);
    EXPECT_FALSE(again.seeded);
    EXPECT_TRUE(again.chatIds.empty());
    EXPECT_EQ(again.invites, 0);
    EXPECT_EQ(again.joinRequests, 0);
    EXPECT_EQ(store_->lastEventId(seeding_.schoolId), lastEvent);
    const std::vector<server::Invite> invitesAfter = store_->invites(seeding_.schoolId, "");
    ASSERT_EQ(invitesAfter.size(), invites.size());
    for (std::size_t i = 0; i < invites.size(); ++i) {
        EXPECT_EQ(invitesAfter[i].id, invites[i].id);
        EXPECT_EQ(invitesAfter[i].expiresAt, invites[i].expiresAt);
        EXPECT_EQ(invitesAfter[i].uses, invites[i].uses);
    }
    const std::vector<server::JoinRequest> requestsAfter = store_->pendingJoinRequests(seeding_.schoolId);
    ASSERT_EQ(requestsAfter.size(), requests.size());
    for (std::size_t i = 0; i < requests.size(); ++i) EXPECT_EQ(requestsAfter[i].id, requests[i].id);
    // No second school either: its log would start after the first one's.
    EXPECT_EQ(store_->lastEventId(seeding_.schoolId + 1), 0);
}

TEST_F(DemoSchoolTest, TwoEmptyDatabasesGetTheSameMessages) {
    const std::unique_ptr<server::SqliteServerStore> other = openStore("other.sqlite3");
    const server::DemoSchoolSeeding second = server::seedDemoSchool(*other, *files_, passwords_, kNowMs);
    ASSERT_TRUE(second.seeded);
    EXPECT_EQ(second.userIds, seeding_.userIds);
    EXPECT_EQ(second.chatIds, seeding_.chatIds);
    const std::vector<server::LogEntry> first = wholeLog(*store_, seeding_.schoolId);
    const std::vector<server::LogEntry> copy = wholeLog(*other, second.schoolId);
    ASSERT_EQ(first.size(), copy.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(first[i].message.text, copy[i].message.text) << i;
        EXPECT_EQ(first[i].message.senderId, copy[i].message.senderId) << i;
        EXPECT_EQ(first[i].message.serverTime, copy[i].message.serverTime) << i;
        EXPECT_EQ(first[i].message.clientId, copy[i].message.clientId) << i;
    }
}

// What the policy says to `userId` doing `action` in the chat, as the endpoints ask it.
policy::Decision decisionFor(server::ServerStore& store, std::int64_t schoolId, std::int64_t userId, std::int64_t chatId,
                             policy::Action action) {
    const std::optional<server::Account> account = store.account(userId);
    const std::optional<server::ChatAccess> access = store.chatAccess(schoolId, chatId, userId);
    if (!account || !access) return {};
    return policy::decide(account->subject, action, policyTarget(access->chat, access->membershipRole));
}

TEST_F(DemoSchoolTest, EveryMessageAndVoteWasAllowedByThePolicyWithinTheTwoWeeksBeforeNow) {
    int messages = 0, polls = 0, votes = 0;
    std::map<std::int64_t, store::Message> pollMessages;
    for (const server::LogEntry& entry : wholeLog(*store_, seeding_.schoolId)) {
        if (entry.type == server::LogEntry::Type::Message) {
            const store::Message& message = entry.message;
            ++messages;
            if (message.poll) {
                ++polls;
                pollMessages[message.id] = message;
            }
            const policy::Decision decision = decisionFor(*store_, seeding_.schoolId, message.senderId, message.chatId,
                                                          message.poll ? policy::Action::PostPoll : policy::Action::Post);
            EXPECT_TRUE(decision.allowed) << message.chatId << ": " << policy::reasonCode(decision.reason) << " for "
                                          << message.text;
            EXPECT_LT(message.serverTime, kNowMs);
            EXPECT_GT(message.serverTime, kNowMs - 15 * kDayMs);
        }
        if (entry.type == server::LogEntry::Type::PollVotes) {
            ++votes;
            ASSERT_EQ(pollMessages.count(entry.votes.messageId), 1u) << "a vote before its poll";
            const store::Message& poll = pollMessages[entry.votes.messageId];
            // Voting needs what reading the chat needs (docs/permissions.md).
            EXPECT_TRUE(decisionFor(*store_, seeding_.schoolId, entry.votes.userId, poll.chatId, policy::Action::Read).allowed);
            EXPECT_TRUE(isValidPollChoice(*poll.poll, entry.votes.optionIds));
        }
    }
    EXPECT_EQ(messages, seeding_.messages);
    EXPECT_EQ(polls, seeding_.polls);
    EXPECT_EQ(votes, seeding_.votes);
}

TEST_F(DemoSchoolTest, EveryDemoAccountSignsInWithItsDocumentedPassword) {
    for (const server::demo::DemoPerson& person : server::demo::demoPeople()) {
        EXPECT_EQ(person.password, "demo-" + person.login);
        signedIn(person.login);
    }
    for (const server::demo::DemoJoinRequest& request : server::demo::demoJoinRequests()) {
        EXPECT_EQ(request.person.password, "demo-" + request.person.login);
        signedIn(request.person.login);
    }
}

TEST_F(DemoSchoolTest, TwoEmptyDatabasesGetTheSameInviteCodes) {
    const std::unique_ptr<server::SqliteServerStore> other = openStore("other.sqlite3");
    server::seedDemoSchool(*other, *files_, passwords_, kNowMs + kDayMs);
    const std::vector<server::DemoInviteLink> first = server::demoInviteLinks(*store_, kNowMs);
    const std::vector<server::DemoInviteLink> second = server::demoInviteLinks(*other, kNowMs + kDayMs);
    ASSERT_EQ(first.size(), server::demo::demoInvites().size());
    ASSERT_EQ(second.size(), first.size());
    std::set<std::string> codes;
    for (std::size_t i = 0; i < first.size(); ++i) {
        EXPECT_EQ(second[i].code, first[i].code);
        codes.insert(first[i].code);
    }
    EXPECT_EQ(codes.size(), first.size()) << "every link has a code of its own";
}

// README.md lists the codes, so a change of seed or of the rows' order shows here first.
TEST_F(DemoSchoolTest, TheInviteCodesAreTheOnesReadmeLists) {
    const std::vector<std::string> listed = {"YWVQMGPESP9V1W4C2KANG0YJBZ2", "630C7Q4G5YM42A2RPZTVFVTRYJ2",
                                             "MZM7MTZQBP40E153QD2PBFRPPRC", "R7TX2JTHBC65MA00GHYEQ12FMB7",
                                             "ZCG7JKBGVK7M87BZWVR6BTJDWRM"};
    std::vector<std::string> codes;
    for (const server::DemoInviteLink& link : server::demoInviteLinks(*store_, kNowMs)) codes.push_back(link.code);
    EXPECT_EQ(codes, listed);
}

TEST_F(DemoSchoolTest, TheSeededLinksAreActiveAndPreviewableByTheirPrintedCodes) {
    const std::vector<server::DemoInviteLink> links = server::demoInviteLinks(*store_, kNowMs + kMinuteMs);
    const std::vector<server::demo::DemoInvite>& rows = server::demo::demoInvites();
    ASSERT_EQ(links.size(), rows.size());
    HttpClient anyone(port());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const server::DemoInviteLink& link = links[i];
        EXPECT_EQ(link.label, rows[i].label);
        EXPECT_EQ(link.state, server::InviteState::Active) << link.label;
        // Both printed forms name the link: the path's canonical code and the slip's display form.
        for (const std::string& typed : {link.code, link.display}) {
            const HttpAnswer answer = anyone.get("/api/v1/invites/preview?code=" + queryEscaped(typed));
            ASSERT_EQ(answer.status, 200) << link.label << ": " << answer.body;
            const nlohmann::json preview = answer.json()["invite"];
            EXPECT_EQ(preview["destination"]["title"], rows[i].chatTitle);
            EXPECT_EQ(preview["school"], server::demo::kDemoSchoolName);
            EXPECT_EQ(preview["role"], std::string(policy::nameOf(rows[i].role)));
            EXPECT_EQ(preview["requiresApproval"], invite::approvalByDefault(rows[i].role));
            EXPECT_EQ(preview["expiresAt"], kNowMs + invite::kDefaultInviteLifetimeMs);
        }
    }
}

TEST_F(DemoSchoolTest, EverySeededLinkWasAllowedByThePolicyWithTheEndpointsDefaults) {
    const std::vector<server::Invite> invites = store_->invites(seeding_.schoolId, "");
    ASSERT_EQ(invites.size(), server::demo::demoInvites().size());
    for (const server::Invite& invite : invites) {
        const std::optional<server::Account> creator = store_->account(invite.createdBy);
        ASSERT_TRUE(creator);
        ASSERT_TRUE(invite.chat) << invite.label;
        const std::optional<server::ChatAccess> access =
            store_->chatAccess(seeding_.schoolId, invite.chat->id, invite.createdBy);
        ASSERT_TRUE(access) << invite.label;
        const policy::Decision decision = policy::decide(creator->subject, policy::Action::CreateInvite,
                                                         server::inviteTarget(invite, access->membershipRole));
        EXPECT_TRUE(decision.allowed) << invite.label << ": " << policy::reasonCode(decision.reason);
        EXPECT_EQ(invite.createdAt, kNowMs);
        EXPECT_EQ(invite.expiresAt, kNowMs + invite::kDefaultInviteLifetimeMs);
        EXPECT_EQ(invite.usageLimit, invite::kDefaultInviteUsageLimit);
        EXPECT_EQ(invite.requiresApproval, invite::approvalByDefault(invite.grantedRole));
        EXPECT_FALSE(invite.revoked);
    }
}

TEST_F(DemoSchoolTest, EachClassHasARosterOfEightStudentsAndEightParentsHalfOfThemActivated) {
    HttpClient admin = signedIn("admin");
    const HttpAnswer statistics = admin.get("/api/v1/stats/activity");
    ASSERT_EQ(statistics.status, 200) << statistics.body;
    const nlohmann::json classes = statistics.json()["classes"];
    ASSERT_EQ(classes.size(), 2u);
    for (const nlohmann::json& schoolClass : classes) {
        for (const char* kind : {"students", "parents"}) {
            EXPECT_EQ(schoolClass[kind]["expected"], 8) << schoolClass["classId"] << " " << kind;
            EXPECT_EQ(schoolClass[kind]["activated"], 4) << schoolClass["classId"] << " " << kind;
            EXPECT_EQ(schoolClass[kind]["target"], "missed") << "the demo shows a class teacher work still to do";
        }
        EXPECT_EQ(schoolClass["unlistedStudents"], 0) << "every student account is on its class's roster";
    }
    const HttpAnswer exported = admin.get("/api/v1/roster/export");
    EXPECT_NE(exported.body.find("\"Морозов Игорь Дмитриевич\";\"\";\"нет\""), std::string::npos)
        << "the waiting father is listed, not yet matched";
}

TEST_F(DemoSchoolTest, AParentOfTheClassDownloadsTheTripMemoAndAStudentCannot) {
    HttpClient parent = signedIn("parent-5a-1");
    std::optional<std::int64_t> attachmentId;
    for (const nlohmann::json& event : firstSync(parent)) {
        if (event["type"] != "message" || !event["message"].contains("attachments")) continue;
        for (const nlohmann::json& attachment : event["message"]["attachments"]) {
            EXPECT_EQ(attachment["mimeType"], "text/plain");
            attachmentId = attachment["id"].get<std::int64_t>();
        }
    }
    ASSERT_TRUE(attachmentId) << "the parents' chat of 5А shows the memo";
    const std::string path = "/api/v1/attachments/" + std::to_string(*attachmentId);
    const HttpAnswer download = parent.get(path);
    ASSERT_EQ(download.status, 200) << download.body;
    EXPECT_EQ(download.body, server::demo::demoAttachments().front().content);
    EXPECT_NE(download.header("content-disposition").find("attachment"), std::string::npos);
    HttpClient student = signedIn("student-5a-1");
    EXPECT_EQ(student.get(path).status, 403) << "students do not read the parents' chat";
}

TEST_F(DemoSchoolTest, TheClassTeacherApprovesTheWaitingParentIntoTheParentsChat) {
    const server::demo::DemoJoinRequest& waiting = server::demo::demoJoinRequests().front();
    HttpClient parent = signedIn(waiting.person.login);
    EXPECT_TRUE(chatTitles(parent).empty()) << "a member of nothing before the approval";

    // Another class's teacher may not approve it, so does not see it.
    HttpClient otherTeacher = signedIn("teacher-math");
    const HttpAnswer otherList = otherTeacher.get("/api/v1/join-requests");
    ASSERT_EQ(otherList.status, 200) << otherList.body;
    EXPECT_TRUE(otherList.json()["joinRequests"].empty());

    HttpClient teacher = signedIn("teacher-5a");
    const HttpAnswer list = teacher.get("/api/v1/join-requests");
    ASSERT_EQ(list.status, 200) << list.body;
    const nlohmann::json requests = list.json()["joinRequests"];
    ASSERT_EQ(requests.size(), 1u) << list.body;
    const nlohmann::json& request = requests[0];
    EXPECT_EQ(request["person"]["name"], waiting.person.name);
    EXPECT_EQ(request["person"]["id"], seeding_.userIds.at(waiting.person.login));
    EXPECT_EQ(request["role"], "parent");
    EXPECT_EQ(request["childName"], waiting.childName);
    EXPECT_EQ(request["destination"]["title"], "Родители 5А");
    EXPECT_EQ(request["state"], "pending");

    const nlohmann::json approval = {{"childId", seeding_.userIds.at(waiting.childLogin)}};
    const HttpAnswer approved = teacher.post(
        "/api/v1/join-requests/" + std::to_string(request["id"].get<std::int64_t>()) + "/approve", approval.dump());
    ASSERT_EQ(approved.status, 200) << approved.body;

    EXPECT_EQ(chatTitles(parent), (std::set<std::string>{"Общешкольный канал", "Родители 5А"}));
    const std::optional<server::Account> account = store_->account(seeding_.userIds.at(waiting.person.login));
    ASSERT_TRUE(account);
    ASSERT_EQ(account->subject.children.size(), 1u);
    EXPECT_EQ(account->subject.children.front().classId, "5А");
}

// Who sees which chats after a first sync: the policy's read rule over the demo's memberships.
struct VisibleChats {
    const char* login;
    std::set<std::string> titles;
};

TEST_F(DemoSchoolTest, SyncShowsEachRoleTheChatsThePolicyLetsThemRead) {
    const std::string school = "Общешкольный канал", staff = "Сотрудники", room = "Учительская",
                      council = "Управляющий совет";
    // login           the chats of its first sync
    const std::vector<VisibleChats> cases = {
        {"admin",        {school, staff, room, council}},
        {"director",     {school, staff, room, council}},
        {"teacher-5a",   {school, staff, room, "5А класс", "Родители 5А", "Педагоги 5А", council, kDirectChat}},
        {"teacher-math", {school, staff, room, "5Б класс", "Родители 5Б", "Педагоги 5А", "Математика 5А"}},
        {"teacher-new",  {school, staff, room, "Педагоги 5А"}},
        {"student-5a-1", {school, "5А класс", "Математика 5А"}},
        {"student-5b-2", {school, "5Б класс", council}},
        {"parent-5a-1",  {school, "Родители 5А", council}},
        {"parent-5a-3",  {school, "Родители 5А", kDirectChat}},
        {"parent-5b-1",  {school, "Родители 5Б"}},
    };
    for (const VisibleChats& expected : cases) {
        HttpClient client = signedIn(expected.login);
        std::set<std::string> titles;
        std::set<std::int64_t> chatIds;
        int messages = 0;
        for (const nlohmann::json& event : firstSync(client)) {
            if (event["type"] == "chat") {
                titles.insert(event["chat"]["title"].get<std::string>());
                chatIds.insert(event["chat"]["id"].get<std::int64_t>());
            }
            if (event["type"] == "message") {
                ++messages;
                EXPECT_EQ(chatIds.count(event["message"]["chatId"].get<std::int64_t>()), 1u) << expected.login;
            }
        }
        EXPECT_EQ(titles, expected.titles) << expected.login;
        EXPECT_GT(messages, 0) << expected.login;
        // The table is the policy's answer: a chat is there exactly when they are a member and
        // decide lets them read it.
        const std::int64_t userId = seeding_.userIds.at(expected.login);
        for (const auto& [title, chatId] : seeding_.chatIds) {
            const std::optional<server::ChatAccess> access = store_->chatAccess(seeding_.schoolId, chatId, userId);
            ASSERT_TRUE(access.has_value());
            const bool readable = access->membershipRole &&
                                  decisionFor(*store_, seeding_.schoolId, userId, chatId, policy::Action::Read).allowed;
            EXPECT_EQ(expected.titles.count(title) == 1, readable) << expected.login << " and " << title;
        }
    }
}

// A post each may make, and one each may not, with the policy's reason.
struct PostCase {
    const char* login;
    std::string chat;
    int status;
    const char* code;  // the reason code of a refusal (core/policy/reason.h)
};

TEST_F(DemoSchoolTest, DemoPeoplePostWhereThePolicyAllowsAndAreRefusedWithItsReasonElsewhere) {
    // login           chat                   status  code
    const std::vector<PostCase> cases = {
        {"admin",        "Сотрудники",          201, ""},
        {"director",     "Общешкольный канал",  201, ""},
        {"teacher-5a",   "Родители 5А",         201, ""},
        {"teacher-5a",   "Общешкольный канал",  403, "CHANNEL_READ_ONLY"},
        {"teacher-math", "Математика 5А",       201, ""},
        {"teacher-math", "5А класс",            403, "NOT_MEMBER"},
        {"teacher-new",  "Педагоги 5А",         403, "NOT_VERIFIED"},
        {"teacher-new",  "Учительская",         403, "NOT_VERIFIED"},
        {"student-5a-1", "5А класс",            201, ""},
        {"student-5a-1", "5Б класс",            403, "NOT_YOUR_CLASS"},
        {"student-5a-1", "Сотрудники",          403, "ROLE_CONFLICT"},
        {"student-5b-2", "Управляющий совет",   201, ""},
        {"parent-5a-1",  "Родители 5А",         201, ""},
        {"parent-5a-1",  "Общешкольный канал",  403, "CHANNEL_READ_ONLY"},
        {"parent-5a-1",  "Родители 5Б",         403, "NOT_YOUR_CLASS"},
        {"parent-5a-3",  kDirectChat,           201, ""},
    };
    for (const PostCase& test : cases) {
        HttpClient client = signedIn(test.login);
        const HttpAnswer answer = send(client, test.chat, "Проверка связи");
        EXPECT_EQ(answer.status, test.status) << test.login << " in " << test.chat << ": " << answer.body;
        EXPECT_EQ(answer.errorCode(), test.code) << test.login << " in " << test.chat;
    }
}

}  // namespace
}  // namespace parta::testing
