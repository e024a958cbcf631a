// parta-server: the reference server (docs/server.md). Binds 127.0.0.1 unless told otherwise;
// every limit is a flag with a safe default.
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>

#include "demo/demo_school.h"
#include "demo/demo_school_content.h"
#include "reference_server.h"
#include "store/sqlite_server_store.h"
#include "store/store_failure.h"

namespace {

using parta::server::ServerOptions;

struct Flags {
    ServerOptions server;
    std::string databasePath = "parta-server.sqlite3";
    bool demoSchool = false;
};

constexpr const char* kUsage = R"(usage: parta-server [flags]
  --listen ADDRESS            address to bind (default 127.0.0.1)
  --port N                    port (default 8080; 0 picks a free one)
  --database PATH             SQLite database file (default parta-server.sqlite3)
  --attachments DIR           folder for attachment files, created if missing (default parta-attachments)
  --behind-tls                the server sits behind a TLS proxy: session cookies are Secure
  --threads N                 threads serving HTTP (default 2)
  --max-body-bytes N          largest request body (default 65536)
  --max-header-bytes N        largest request line and headers (default 16384)
  --request-timeout-seconds N time to send a whole request or read an answer (default 10)
  --max-upload-bytes N        largest attachment upload (default 10485760, 10 MiB)
  --upload-timeout-seconds N  time to send a whole attachment upload (default 180)
  --long-poll-seconds N       how long a sync waits for news (default 25)
  --session-days N            how long a sign-in lasts (default 30)
  --max-connections-per-address N
                              open connections from one address (default 512; behind a
                              proxy its loopback connections are not capped here)
  --sign-ins-per-minute-per-address N   (default 60)
  --sign-ins-per-minute-per-login N     (default 10)
  --join-attempts-per-minute-per-address N   invite previews and accepts (default 60)
  --join-attempts-per-minute-per-code N      (default 30)
  --join-attempts-per-minute-per-account N   (default 10)
  --web-root DIR              serve the web client (web/) from DIR at /, /join/<code> and its files;
                              without it every path outside /api/ is a JSON 404
  --wasm-root DIR             serve the wasm build (the parta_web target's build/wasm) from DIR at /wasm/
  --demo-school               fill a database that holds no school with the fictional demo school
                              «СОШ № 15 (демо)» and print its accounts; a database that holds a
                              school is left untouched
)";

// A whole decimal number within [min, max], or nullopt.
std::optional<long long> number(const std::string& text, long long min, long long max) {
    std::size_t used = 0;
    long long value = 0;
    try {
        value = std::stoll(text, &used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (used != text.size() || value < min || value > max) return std::nullopt;
    return value;
}

std::optional<Flags> parseFlags(int argc, char** argv) {
    Flags flags;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--behind-tls") {
            flags.server.behindTls = true;
            continue;
        }
        if (flag == "--demo-school") {
            flags.demoSchool = true;
            continue;
        }
        if (i + 1 >= argc) return std::nullopt;
        const std::string value = argv[++i];
        const auto numeric = [&](long long min, long long max) { return number(value, min, max); };
        std::optional<long long> parsed;
        if (flag == "--listen") {
            flags.server.address = value;
        } else if (flag == "--database") {
            flags.databasePath = value;
        } else if (flag == "--web-root") {
            flags.server.staticMounts.push_back({"/", value});
        } else if (flag == "--wasm-root") {
            flags.server.staticMounts.push_back({"/wasm/", value});
        } else if (flag == "--attachments") {
            flags.server.attachmentsFolder = value;
        } else if (flag == "--port" && (parsed = numeric(0, 65535))) {
            flags.server.port = static_cast<std::uint16_t>(*parsed);
        } else if (flag == "--threads" && (parsed = numeric(1, 64))) {
            flags.server.http.threads = static_cast<int>(*parsed);
        } else if (flag == "--max-body-bytes" && (parsed = numeric(1024, 64ll << 20))) {
            flags.server.http.maxBodyBytes = static_cast<std::size_t>(*parsed);
        } else if (flag == "--max-header-bytes" && (parsed = numeric(1024, 1 << 20))) {
            flags.server.http.maxHeaderBytes = static_cast<std::size_t>(*parsed);
        } else if (flag == "--request-timeout-seconds" && (parsed = numeric(1, 3600))) {
            flags.server.http.requestTimeout = std::chrono::seconds(*parsed);
        } else if (flag == "--max-upload-bytes" && (parsed = numeric(1024, 1ll << 30))) {
            flags.server.http.maxUploadBytes = static_cast<std::size_t>(*parsed);
        } else if (flag == "--upload-timeout-seconds" && (parsed = numeric(1, 3600))) {
            flags.server.http.uploadTimeout = std::chrono::seconds(*parsed);
        } else if (flag == "--long-poll-seconds" && (parsed = numeric(1, 300))) {
            flags.server.longPoll = std::chrono::seconds(*parsed);
        } else if (flag == "--session-days" && (parsed = numeric(1, 365))) {
            flags.server.sessionLifetime = std::chrono::hours(24 * *parsed);
        } else if (flag == "--max-connections-per-address" && (parsed = numeric(1, 1000000))) {
            flags.server.http.maxConnectionsPerAddress = static_cast<std::size_t>(*parsed);
        } else if (flag == "--sign-ins-per-minute-per-address" && (parsed = numeric(1, 1000000))) {
            flags.server.throttles.signInsPerMinutePerAddress = static_cast<int>(*parsed);
        } else if (flag == "--sign-ins-per-minute-per-login" && (parsed = numeric(1, 1000000))) {
            flags.server.throttles.signInsPerMinutePerLogin = static_cast<int>(*parsed);
        } else if (flag == "--join-attempts-per-minute-per-address" && (parsed = numeric(1, 1000000))) {
            flags.server.throttles.joinAttemptsPerMinutePerAddress = static_cast<int>(*parsed);
        } else if (flag == "--join-attempts-per-minute-per-code" && (parsed = numeric(1, 1000000))) {
            flags.server.throttles.joinAttemptsPerMinutePerCode = static_cast<int>(*parsed);
        } else if (flag == "--join-attempts-per-minute-per-account" && (parsed = numeric(1, 1000000))) {
            flags.server.throttles.joinAttemptsPerMinutePerAccount = static_cast<int>(*parsed);
        } else {
            return std::nullopt;
        }
    }
    return flags;
}

std::int64_t systemNowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The demo's people are fictional and their passwords documented (README.md), so printing them
// is no leak of user data; nor are the demo's invite codes, which anyone can derive.
void seedAndListDemoSchool(parta::server::ServerStore& store, const ServerOptions& options) {
    const parta::server::PasswordHasher passwords(options.passwordCost);
    parta::server::AttachmentFiles files(options.attachmentsFolder);
    const parta::server::DemoSchoolSeeding seeding = parta::server::seedDemoSchool(store, files, passwords, systemNowMs());
    if (seeding.seeded) {
        std::cout << "parta-server: seeded the demo school " << parta::server::demo::kDemoSchoolName << " ("
                  << seeding.messages << " messages, " << seeding.polls << " of them polls with " << seeding.votes
                  << " votes, " << seeding.invites << " invite links, " << seeding.joinRequests
                  << " join request waiting, " << seeding.rosterEntries << " roster entries, " << seeding.attachments
                  << " attachment)\n";
    } else {
        std::cout << "parta-server: the database already holds a school; left untouched\n";
    }
    std::cout << "parta-server: the demo school's accounts (login / password / who):\n";
    for (const parta::server::demo::DemoPerson& person : parta::server::demo::demoPeople()) {
        std::cout << "  " << person.login << " / " << person.password << " / " << person.name << ", " << person.role
                  << "\n";
    }
    for (const parta::server::demo::DemoJoinRequest& request : parta::server::demo::demoJoinRequests()) {
        std::cout << "  " << request.person.login << " / " << request.person.password << " / " << request.person.name
                  << ", " << request.person.role << "\n";
    }
    // Derived again on every start: the database holds only their hashes (docs/server.md).
    const std::vector<parta::server::DemoInviteLink> links = parta::server::demoInviteLinks(store, systemNowMs());
    if (links.empty()) return;
    std::cout << "parta-server: the demo school's invite links (label / code / path):\n";
    for (const parta::server::DemoInviteLink& link : links) {
        std::cout << "  " << link.label << " / " << link.display << " / /join/" << link.code
                  << (link.state == parta::server::InviteState::Active ? "" : " (no longer active)") << "\n";
    }
}

}  // namespace

int main(int argc, char** argv) {
    const std::optional<Flags> flags = parseFlags(argc, argv);
    if (!flags) {
        std::cerr << kUsage;
        return 2;
    }
    // Before any thread starts, so every thread inherits the mask and only sigwait sees them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    try {
        // A folder that cannot be made should stop the server at start, not at the first upload.
        std::filesystem::create_directories(flags->server.attachmentsFolder);
        parta::server::SqliteServerStore store(flags->databasePath);
        if (flags->demoSchool) seedAndListDemoSchool(store, flags->server);
        parta::server::ReferenceServer server(flags->server, store);
        const std::uint16_t port = server.start();
        // Addresses and counts only: no user data in logs.
        std::cout << "parta-server: listening on http://" << flags->server.address << ":" << port << std::endl;
        int signal = 0;
        sigwait(&stopSignals, &signal);
        std::cout << "parta-server: stopping" << std::endl;
        server.stop();
    } catch (const parta::server::StoreFailure& failure) {
        std::cerr << "parta-server: storage: " << failure.what() << "\n";
        return 1;
    } catch (const std::system_error& error) {
        std::cerr << "parta-server: " << error.what() << "\n";
        return 1;
    } catch (const std::exception& error) {
        // The demo school refused by the policy (a bug in its rows, named in the message) or
        // its passwords left unhashed.
        std::cerr << "parta-server: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
