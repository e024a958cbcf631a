// parta-bench-seed: writes the bench school (bench_school.h) into a new server database, for
// `scripts/bench server`. A tool of its own so the server carries no bench code.
// Usage: parta-bench-seed DATABASE [--clients N] [--chats N] [--chats-per-client N]
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/password_hasher.h"
#include "bench_school.h"
#include "client/policy_inputs.h"
#include "policy/decide.h"
#include "store/sqlite_server_store.h"

namespace {

using parta::bench::BenchSchool;
using parta::server::NewChat;
using parta::server::NewUser;

constexpr std::int64_t kCreatedAt = 1767225600000;  // 2026-01-01, before any bench message

struct ChatShape {
    const char* kind;
    const char* title;
};
// A class's three chats, in the order of BenchSchool::chatOf's slots.
constexpr ChatShape kClassChats[] = {
    {"class_chat", "Чат класса"}, {"subject_chat", "Математика"}, {"subject_chat", "Русский язык"}};

std::optional<BenchSchool> parseSchool(int argc, char** argv) {
    BenchSchool school;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const int value = std::atoi(argv[i + 1]);
        if (flag == "--clients") school.clients = value;
        else if (flag == "--chats") school.chats = value;
        else if (flag == "--chats-per-client") school.chatsPerClient = value;
        else return std::nullopt;
    }
    if (argc % 2 != 0 || !school.valid() || school.chatsPerClient > 3) return std::nullopt;
    return school;
}

// The bench would only measure refusals if the policy kept pupils from posting in their chats.
void requirePupilMayPost(parta::server::ServerStore& store, std::int64_t schoolId, std::int64_t chatId,
                         std::int64_t pupilId) {
    const std::optional<parta::server::ChatAccess> access = store.chatAccess(schoolId, chatId, pupilId);
    const std::optional<parta::server::Account> account = store.account(pupilId);
    if (!access || !account ||
        !parta::policy::decide(account->subject, parta::policy::Action::Post,
                               parta::policyTarget(access->chat, access->membershipRole))
             .allowed) {
        throw std::logic_error("the policy does not let a pupil post in chat " + std::to_string(chatId));
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::optional<BenchSchool> school = argc >= 2 ? parseSchool(argc, argv) : std::nullopt;
    if (!school) {
        std::cerr << "usage: parta-bench-seed DATABASE [--clients N] [--chats N] [--chats-per-client N (1-3)]\n"
                     "  whole classes only: chats divisible by chats-per-client, clients by the classes\n";
        return 2;
    }
    const std::string path = argv[1];
    if (std::filesystem::exists(path)) {
        std::cerr << "parta-bench-seed: " << path << " exists; the bench seeds a new database only\n";
        return 1;
    }
    try {
        parta::server::SqliteServerStore store(path);
        const std::int64_t schoolId = store.createSchool("Школа нагрузочного теста");
        // The cheapest hash libsodium makes, once: a thousand sign-ins at the interactive cost
        // would take minutes and measure Argon2, not messaging.
        const std::string hash =
            parta::server::PasswordHasher(parta::server::PasswordCost::TestOnlyMinimal).hash(BenchSchool::kPassword);
        if (hash.empty()) throw std::runtime_error("the password could not be hashed");

        std::vector<std::int64_t> pupilIds;
        pupilIds.reserve(static_cast<std::size_t>(school->clients));
        for (int client = 0; client < school->clients; ++client) {
            NewUser pupil;
            pupil.schoolId = schoolId;
            pupil.login = BenchSchool::login(client);
            pupil.name = "Ученик " + std::to_string(client + 1);
            pupil.passwordHash = hash;
            pupil.roles = {parta::policy::SchoolRole::Student};
            pupil.studentOf = BenchSchool::classId(school->classOf(client));
            pupil.createdAt = kCreatedAt;
            pupilIds.push_back(store.createUser(pupil));
        }
        for (int schoolClass = 0; schoolClass < school->classes(); ++schoolClass) {
            const std::string classId = BenchSchool::classId(schoolClass);
            std::vector<std::pair<std::int64_t, std::string>> members;
            const int first = schoolClass * school->clientsPerClass();
            for (int client = first; client < first + school->clientsPerClass(); ++client) {
                members.emplace_back(pupilIds[static_cast<std::size_t>(client)], "member");
            }
            for (int slot = 0; slot < school->chatsPerClient; ++slot) {
                const ChatShape& shape = kClassChats[slot];
                // Class-bound chats: a class has as many as its teachers make, none is one per school.
                const std::int64_t chatId = *store.createChatWithMembers(
                    NewChat{schoolId, shape.kind, classId, std::string(shape.title) + " " + classId, kCreatedAt}, members,
                    false);
                requirePupilMayPost(store, schoolId, chatId, members.front().first);
            }
        }
        std::cout << "parta-bench-seed: " << school->clients << " pupils in " << school->classes() << " classes, "
                  << school->chats << " chats of " << school->fanOut() << " members\n";
    } catch (const std::exception& error) {
        std::cerr << "parta-bench-seed: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
