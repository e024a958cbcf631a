// Any request must get an answer that is not a server failure, whatever its method, path,
// headers and body: the router and every endpoint's body parsing (issue 13, "Bad input and
// faults"). The requests run against one in-memory store of two schools with a person per
// role, signed in or not, so each input meets the state the earlier ones left.
//
// Input: byte 0 chooses the method (bits 0-2), whether the CSRF header is sent (bit 3) and whose
// session cookie (bits 4-6: none, or one of the people); then the request target up to '\n';
// then the body.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "attachments/attachment_files.h"
#include "auth/password_hasher.h"
#include "auth/session_token.h"
#include "store/sqlite_server_store.h"
#include "sync/sync_feed.h"

namespace {

using namespace parta::server;

constexpr std::int64_t kNow = 1700000000000;

void require(bool condition, const char* what, const std::string& detail = "") {
    if (condition) return;
    std::fprintf(stderr, "api_request_fuzzer: %s %s\n", what, detail.c_str());
    std::abort();
}

// Records the answer; a deadline set by a waiting long-poll fires as soon as the handler
// returns, as if the wait had run out.
class RecordingExchange final : public Exchange {
public:
    void reply(Response response) override {
        if (!answer) answer = std::move(response);
    }
    void setDeadline(std::chrono::milliseconds, std::function<void()> onDeadline) override {
        deadline = std::move(onDeadline);
    }

    std::optional<Response> answer;
    std::function<void()> deadline;
};

struct World {
    SqliteServerStore store{":memory:"};
    // Uploads the fuzzer gets through land in the system's temporary folder, by hash, so the
    // same input never adds a second file.
    AttachmentFiles attachments{std::filesystem::temp_directory_path() / "parta-fuzz-attachments"};
    PasswordHasher passwords{PasswordCost::TestOnlyMinimal};
    SyncFeed sync{store, std::chrono::milliseconds(1)};
    Throttles throttles{ThrottleRates{}};
    std::unique_ptr<Api> api;
    std::vector<std::string> cookies;  // "parta_session=…" per person

    World() {
        const std::string hash = passwords.hash("correct horse battery staple");
        const std::int64_t school = store.createSchool("СОШ № 15 (тест)");
        const std::int64_t other = store.createSchool("Гимназия № 2 (тест)");
        const auto person = [&](std::int64_t schoolId, const char* login, NewUser user) {
            user.schoolId = schoolId;
            user.login = login;
            user.name = login;
            user.passwordHash = hash;
            user.createdAt = kNow;
            const std::int64_t id = store.createUser(user);
            const SessionToken token = newSessionToken();
            store.createSession(token.hash, id, kNow, kNow + 86400000);
            cookies.push_back("parta_session=" + token.cookieValue);
            return id;
        };
        NewUser admin;
        admin.roles = {parta::policy::SchoolRole::Admin};
        const std::int64_t adminId = person(school, "admin", admin);
        NewUser teacher;
        teacher.roles = {parta::policy::SchoolRole::Teacher};
        teacher.verified = true;
        teacher.classTeacherOf = {"5А"};
        teacher.teaches = {"5А"};
        const std::int64_t teacherId = person(school, "teacher", teacher);
        NewUser student;
        student.roles = {parta::policy::SchoolRole::Student};
        student.studentOf = "5А";
        const std::int64_t studentId = person(school, "student", student);
        NewUser parent;
        parent.roles = {parta::policy::SchoolRole::Parent};
        parent.childIds = {studentId};
        const std::int64_t parentId = person(school, "parent", parent);
        NewUser stranger = student;
        stranger.studentOf = "7Б";
        const std::int64_t strangerId = person(other, "stranger", stranger);

        const std::int64_t channel = store.createChat({school, "school_channel", "", "Общешкольный канал", kNow});
        store.addMember(channel, adminId, "owner");
        for (const std::int64_t id : {teacherId, studentId, parentId}) store.addMember(channel, id, "member");
        const std::int64_t classChat = store.createChat({school, "class_chat", "5А", "5А", kNow});
        store.addMember(classChat, teacherId, "owner");
        store.addMember(classChat, studentId, "member");
        const std::int64_t parentsChat = store.createChat({school, "parents_chat", "5А", "Родители 5А", kNow});
        store.addMember(parentsChat, teacherId, "owner");
        store.addMember(parentsChat, parentId, "member");
        const std::int64_t strangerChat = store.createChat({other, "class_chat", "7Б", "7Б", kNow});
        store.addMember(strangerChat, strangerId, "member");

        api = std::make_unique<Api>(ApiContext{store, attachments, sync, passwords, CookieSecurity{false}, throttles, false,
                                               std::chrono::hours(24), [] { return kNow; }});
    }
};

World& world() {
    static World shared;
    return shared;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    World& w = world();
    static const char* const kMethods[] = {"GET", "POST", "DELETE", "PUT", "HEAD", "PATCH", "OPTIONS", "POST"};
    const std::uint8_t control = data[0];
    const std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
    const std::size_t newline = rest.find('\n');
    const std::string_view target = rest.substr(0, newline);
    const std::string_view body = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);

    Request request;
    request.method = kMethods[control & 7];
    const std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
    request.body = std::string(body);
    request.remoteAddress = "127.0.0.1";
    if (control & 8) request.headers.emplace_back("x-parta-request", "1");
    const std::size_t person = (control >> 4) & 7;
    if (person > 0 && person <= w.cookies.size()) request.headers.emplace_back("cookie", w.cookies[person - 1]);

    auto exchange = std::make_shared<RecordingExchange>();
    w.api->handle(std::move(request), exchange);
    if (!exchange->answer && exchange->deadline) exchange->deadline();
    require(exchange->answer.has_value(), "a request got no answer");
    const Response& answer = *exchange->answer;
    require(answer.status >= 200 && answer.status < 500, "a server failure:", answer.body);
    if (answer.contentType.rfind("application/json", 0) == 0 && !answer.body.empty()) {
        require(nlohmann::json::accept(answer.body), "an answer that is not JSON:", answer.body);
    }
    return 0;
}
