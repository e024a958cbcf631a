#include "reference_server.h"

#include "api/api.h"
#include "attachments/attachment_files.h"
#include "http/compression.h"
#include "http/http_server.h"
#include "sync/sync_feed.h"

namespace parta::server {

namespace {

bool isApiPath(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

std::int64_t systemNowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

ReferenceServer::ReferenceServer(ServerOptions options, ServerStore& store)
    : options_(std::move(options)), store_(store), passwords_(options_.passwordCost), throttles_(options_.throttles),
      attachments_(std::make_unique<AttachmentFiles>(options_.attachmentsFolder)),
      sync_(std::make_unique<SyncFeed>(store_, options_.longPoll)) {
    // Behind TLS means behind a proxy, which connects from loopback for every client.
    options_.http.proxyOnLoopback = options_.behindTls;
    api_ = std::make_unique<Api>(ApiContext{store_, *attachments_, *sync_, passwords_, CookieSecurity{options_.behindTls}, throttles_,
                                            options_.behindTls, options_.sessionLifetime,
                                            options_.clock ? options_.clock : std::function<std::int64_t()>(systemNowMs)});
    if (!options_.staticMounts.empty()) staticFiles_ = std::make_unique<StaticFiles>(options_.staticMounts);
    http_ = std::make_unique<HttpServer>(options_.http, [this](Request&& request, std::shared_ptr<Exchange> exchange) {
        std::shared_ptr<Exchange> answer = compressingExchange(request, std::move(exchange));
        if (staticFiles_ && !isApiPath(request.path)) return answer->reply(staticFiles_->answer(request));
        api_->handle(std::move(request), answer);
    });
}

ReferenceServer::~ReferenceServer() { stop(); }

std::uint16_t ReferenceServer::start() { return http_->start(options_.address, options_.port); }

void ReferenceServer::stop() {
    http_->stop();
    // Waiting polls hold their connections; they go while the HTTP layer that owns the sockets
    // still exists.
    sync_->cancelWaiting();
}

std::size_t ReferenceServer::waitingPolls() const { return sync_->waitingPolls(); }

}  // namespace parta::server
