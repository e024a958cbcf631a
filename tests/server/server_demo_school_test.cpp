// The demo school (server/demo): seeded once into an empty database, the same every time, and
// nothing in it the policy forbids; each demo person signs in with the documented password and
// sees the chats the policy lets them read, over real HTTP.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

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
constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;
const std::string kDirectChat = "Марина Сергеевна Кузнецова и Наталья Сергеевна Смирнова";

class DemoSchoolTest : public ::testing::Test {
protected:
    void SetUp() override {
        directory_ = std::filesystem::temp_directory_path() / ("parta-demo-test-" + generateUuidV4());
        std::filesystem::create_directories(directory_);
        store_ = openStore("demo.sqlite3");
        seeding_ = server::seedDemoSchool(*store_, passwords_, kNowMs);
    }

    void TearDown() override {
        server_.reset();
        store_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(directory_, ignored);
    }

    std::unique_ptr<server::SqliteServerStore> openStore(const std::string& name) {
        return std::make_unique<server::SqliteServerStore>((directory_ / name).string());
    }

    HttpClient signedIn(const std::string& login) {
        if (!server_) {
            server::ServerOptions options;
            options.port = 0;
            options.passwordCost = server::PasswordCost::TestOnlyMinimal;
            server_ = std::make_unique<server::ReferenceServer>(options, *store_);
            port_ = server_->start();
        }
        HttpClient client(port_);
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
    server::DemoSchoolSeeding seeding_;
    std::unique_ptr<server::ReferenceServer> server_;
    std::uint16_t port_ = 0;
};

TEST_F(DemoSchoolTest, AnEmptyDatabaseGetsTheWholeSchool) {
    ASSERT_TRUE(seeding_.seeded);
    EXPECT_EQ(seeding_.userIds.size(), 21u);  // admin, director, 3 teachers, 8 students, 8 parents
    EXPECT_EQ(seeding_.chatIds.size(), 11u);
    EXPECT_GE(seeding_.messages, 200);
    EXPECT_EQ(seeding_.polls, 4);
    EXPECT_GE(seeding_.votes, 15);
    // Every chat kind the policy knows is there.
    std::set<std::string> kinds;
    for (const server::demo::DemoChat& chat : server::demo::demoChats()) kinds.insert(chat.kind);
    for (const policy::ChatKind kind : policy::kAllChatKinds) {
        EXPECT_EQ(kinds.count(std::string(policy::nameOf(kind))), 1u) << policy::nameOf(kind);
    }
}

TEST_F(DemoSchoolTest, ASecondSeedingChangesNothing) {
    const std::int64_t lastEvent = store_->lastEventId(seeding_.schoolId);
    const server::DemoSchoolSeeding again = server::seedDemoSchool(*store_, passwords_, kNowMs + kDayMs);
    EXPECT_FALSE(again.seeded);
    EXPECT_TRUE(again.chatIds.empty());
    EXPECT_EQ(store_->lastEventId(seeding_.schoolId), lastEvent);
    // No second school either: its log would start after the first one's.
    EXPECT_EQ(store_->lastEventId(seeding_.schoolId + 1), 0);
}

TEST_F(DemoSchoolTest, TwoEmptyDatabasesGetTheSameMessages) {
    const std::unique_ptr<server::SqliteServerStore> other = openStore("other.sqlite3");
    const server::DemoSchoolSeeding second = server::seedDemoSchool(*other, passwords_, kNowMs);
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
