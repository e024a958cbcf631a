#include "server/support/school_fixture.h"

#include <chrono>
#include <thread>

#include "auth/password_hasher.h"
#include "random/uuid.h"

namespace parta::testing {

namespace {

using policy::SchoolRole;
using server::NewChat;
using server::NewUser;

constexpr std::int64_t kCreatedAt = 1700000000000;

std::filesystem::path freshDirectory() {
    const std::filesystem::path directory =
        std::filesystem::temp_directory_path() / ("parta-server-test-" + generateUuidV4());
    std::filesystem::create_directories(directory);
    return directory;
}

}  // namespace

server::ServerOptions SchoolFixture::testOptions() {
    server::ServerOptions options;
    options.port = 0;
    options.passwordCost = server::PasswordCost::TestOnlyMinimal;
    // Long enough that no test ever sees a poll run out: they all wake theirs.
    options.longPoll = std::chrono::seconds(20);
    // Tables of cases sign the same people in many times a minute; the abuse tests set their own.
    options.throttles.signInsPerMinutePerAddress = 1000000;
    options.throttles.signInsPerMinutePerLogin = 1000000;
    return options;
}

void SchoolFixture::SetUp() {
    directory_ = freshDirectory();
    store_ = std::make_unique<server::SqliteServerStore>((directory_ / "server.sqlite3").string());
    const server::PasswordHasher hasher(server::PasswordCost::TestOnlyMinimal);
    const std::string hash = hasher.hash(kPassword);

    const auto person = [&](std::int64_t school, const std::string& login, const std::string& name, NewUser user) {
        user.schoolId = school;
        user.login = login;
        user.name = name;
        user.passwordHash = hash;
        user.createdAt = kCreatedAt;
        return Person{login, store_->createUser(user)};
    };
    schoolId = store_->createSchool("СОШ № 15 (тест)");
    otherSchoolId = store_->createSchool("Гимназия № 2 (тест)");

    NewUser adminProfile;
    adminProfile.roles = {SchoolRole::Admin};
    admin = person(schoolId, "admin", "Ирина Админова", adminProfile);
    NewUser teacherProfile;
    teacherProfile.roles = {SchoolRole::Teacher};
    teacherProfile.verified = true;
    teacherProfile.classTeacherOf = {"5А"};
    teacherProfile.teaches = {"5А"};
    classTeacher = person(schoolId, "teacher", "Марина Учителева", teacherProfile);
    NewUser studentProfile;
    studentProfile.roles = {SchoolRole::Student};
    studentProfile.studentOf = "5А";
    student = person(schoolId, "student", "Петя Ученичков", studentProfile);
    NewUser parentProfile;
    parentProfile.roles = {SchoolRole::Parent};
    parentProfile.childIds = {student.id};
    parent = person(schoolId, "parent", "Ольга Ученичкова", parentProfile);
    classmate = person(schoolId, "classmate", "Лена Одноклассникова", studentProfile);

    NewUser strangerProfile;
    strangerProfile.roles = {SchoolRole::Student};
    strangerProfile.studentOf = "7Б";
    stranger = person(otherSchoolId, "stranger", "Вася Чужаков", strangerProfile);
    NewUser strangerTeacherProfile = teacherProfile;
    strangerTeacherProfile.classTeacherOf = {"7Б"};
    strangerTeacherProfile.teaches = {"7Б"};
    strangerTeacher = person(otherSchoolId, "stranger-teacher", "Нина Чужакова", strangerTeacherProfile);

    schoolChannel = store_->createChat(NewChat{schoolId, "school_channel", "", "Общешкольный канал", kCreatedAt});
    store_->addMember(schoolChannel, admin.id, "owner");
    for (const Person* member : {&classTeacher, &student, &parent}) store_->addMember(schoolChannel, member->id, "member");
    classChat = store_->createChat(NewChat{schoolId, "class_chat", "5А", "5А класс", kCreatedAt});
    store_->addMember(classChat, classTeacher.id, "owner");
    store_->addMember(classChat, student.id, "member");
    store_->addMember(classChat, classmate.id, "member");
    parentsChat = store_->createChat(NewChat{schoolId, "parents_chat", "5А", "Родители 5А", kCreatedAt});
    store_->addMember(parentsChat, classTeacher.id, "owner");
    store_->addMember(parentsChat, parent.id, "member");
    strangerClassChat = store_->createChat(NewChat{otherSchoolId, "class_chat", "7Б", "7Б класс", kCreatedAt});
    store_->addMember(strangerClassChat, strangerTeacher.id, "owner");
    store_->addMember(strangerClassChat, stranger.id, "member");

    server::ServerOptions options = testOptions();
    options.attachmentsFolder = attachmentsFolder();
    server_ = startServer(std::move(options), port_);
}

void SchoolFixture::TearDown() {
    server_.reset();
    store_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
}

std::unique_ptr<server::ReferenceServer> SchoolFixture::startServer(server::ServerOptions options, std::uint16_t& port) {
    auto started = std::make_unique<server::ReferenceServer>(std::move(options), *store_);
    port = started->start();
    return started;
}

HttpClient SchoolFixture::signedIn(const Person& person) {
    HttpClient client(port_);
    const HttpAnswer answer = client.signIn(person.login, kPassword);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return client;
}

HttpAnswer SchoolFixture::send(HttpClient& client, std::int64_t chatId, const std::string& text, const std::string& clientId) {
    const nlohmann::json body = {{"clientId", clientId.empty() ? generateUuidV4() : clientId},
                                 {"chatId", chatId},
                                 {"text", text},
                                 {"replyTo", nullptr}};
    return client.post("/api/v1/messages", body.dump());
}

HttpAnswer SchoolFixture::sendPoll(HttpClient& client, std::int64_t chatId, const std::string& question,
                                   const std::vector<std::string>& options, bool multipleChoice) {
    const nlohmann::json body = {
        {"clientId", generateUuidV4()},
        {"chatId", chatId},
        {"text", question},
        {"poll", {{"question", question}, {"multipleChoice", multipleChoice}, {"options", options}}}};
    return client.post("/api/v1/messages", body.dump());
}

std::int64_t SchoolFixture::messageId(const HttpAnswer& sent) {
    const nlohmann::json json = sent.json();
    EXPECT_TRUE(json.contains("message")) << sent.body;
    return json.contains("message") ? json["message"]["id"].get<std::int64_t>() : 0;
}

HttpAnswer SchoolFixture::edit(HttpClient& client, std::int64_t messageId, std::int64_t chatId, const std::string& text,
                               const std::string& clientId) {
    const nlohmann::json body = {
        {"clientId", clientId.empty() ? generateUuidV4() : clientId}, {"chatId", chatId}, {"text", text}};
    return client.post("/api/v1/messages/" + std::to_string(messageId) + "/edit", body.dump());
}

HttpAnswer SchoolFixture::remove(HttpClient& client, std::int64_t messageId, std::int64_t chatId,
                                 const std::string& clientId) {
    const nlohmann::json body = {{"clientId", clientId.empty() ? generateUuidV4() : clientId}, {"chatId", chatId}};
    return client.post("/api/v1/messages/" + std::to_string(messageId) + "/delete", body.dump());
}

HttpAnswer SchoolFixture::vote(HttpClient& client, std::int64_t messageId, std::int64_t chatId,
                               const std::vector<std::int64_t>& optionIds, const std::string& clientId) {
    const nlohmann::json body = {{"clientId", clientId.empty() ? generateUuidV4() : clientId},
                                 {"chatId", chatId},
                                 {"optionIds", nlohmann::json(optionIds)}};
    return client.post("/api/v1/messages/" + std::to_string(messageId) + "/votes", body.dump());
}

HttpAnswer SchoolFixture::markRead(HttpClient& client, std::int64_t chatId, std::int64_t lastReadId,
                                   const std::string& clientId) {
    const nlohmann::json body = {{"clientId", clientId.empty() ? generateUuidV4() : clientId}, {"lastReadId", lastReadId}};
    return client.post("/api/v1/chats/" + std::to_string(chatId) + "/read", body.dump());
}

SchoolFixture::Synced SchoolFixture::syncAll(HttpClient& client, const std::string& since, int limit) {
    Synced synced;
    synced.cursor = since;
    // Bounded: a fixture's log is a few dozen events.
    for (int page = 0; page < 100; ++page) {
        const std::string target = "/api/v1/sync?" + (synced.cursor.empty() ? "" : "since=" + synced.cursor + "&") +
                                   "limit=" + std::to_string(limit);
        const HttpAnswer answer = client.get(target);
        EXPECT_EQ(answer.status, 200) << answer.body;
        const nlohmann::json json = answer.json();
        if (answer.status != 200 || !json.is_object()) return synced;
        for (const nlohmann::json& event : json["events"]) synced.events.push_back(event);
        synced.cursor = json["cursor"].get<std::string>();
        if (!json["more"].get<bool>()) return synced;
    }
    ADD_FAILURE() << "sync did not end within 100 pages";
    return synced;
}

void SchoolFixture::waitForParkedPolls(std::size_t count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (server_->waitingPolls() < count) {
        if (std::chrono::steady_clock::now() > deadline) {
            ADD_FAILURE() << "the long-poll was never parked";
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

}  // namespace parta::testing
