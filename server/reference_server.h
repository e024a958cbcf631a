#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "abuse/throttles.h"
#include "auth/password_hasher.h"
#include "http/http_limits.h"
#include "static/static_files.h"
#include "store/server_store.h"

namespace parta::server {

class Api;
class AttachmentFiles;
class HttpServer;
class SyncFeed;

// Every flag of server/main.cpp, with its safe default.
struct ServerOptions {
    std::string address = "127.0.0.1";  // loopback unless the operator says otherwise
    std::uint16_t port = 8080;          // 0: any free port (the tests)
    HttpLimits http;
    // Behind a TLS-terminating reverse proxy the session cookie is also Secure.
    bool behindTls = false;
    std::chrono::seconds sessionLifetime = std::chrono::hours(24 * 30);
    std::chrono::milliseconds longPoll{25000};
    PasswordCost passwordCost = PasswordCost::Interactive;
    ThrottleRates throttles;
    // Milliseconds since the Unix epoch; empty: the system clock. Tests set one they move.
    std::function<std::int64_t()> clock;
    // The web client's folders; none: every path outside /api/ is the API's JSON 404.
    std::vector<StaticMount> staticMounts;
    // Where attachment files are kept, by their hash (attachments/attachment_files.h).
    std::filesystem::path attachmentsFolder = "parta-attachments";
};

// The whole server on one store: HTTP in front, the API behind it, the sync feed waking
// long-polls. The tests start it in-process on an ephemeral loopback port.
class ReferenceServer {
public:
    // Throws std::invalid_argument when a static folder does not exist.
    ReferenceServer(ServerOptions options, ServerStore& store);
    ~ReferenceServer();
    ReferenceServer(const ReferenceServer&) = delete;
    ReferenceServer& operator=(const ReferenceServer&) = delete;

    // Answers the bound port; throws std::system_error when the address cannot be bound.
    std::uint16_t start();
    void stop();

    // Long-polls waiting for an event now: lets a test wait until its poll is parked.
    std::size_t waitingPolls() const;

private:
    ServerOptions options_;
    ServerStore& store_;
    PasswordHasher passwords_;
    Throttles throttles_;
    std::unique_ptr<AttachmentFiles> attachments_;
    std::unique_ptr<SyncFeed> sync_;
    std::unique_ptr<Api> api_;
    std::unique_ptr<StaticFiles> staticFiles_;
    std::unique_ptr<HttpServer> http_;
};

}  // namespace parta::server
