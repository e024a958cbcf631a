#include "http/http_server.h"

#include "http/error_response.h"

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace parta::server {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

// Boost 1.74's Beast speaks boost::string_view, which does not convert to std::string_view.
std::string_view view(beast::string_view text) { return {text.data(), text.size()}; }

std::string lowerCase(std::string_view text) {
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower;
}

Request toRequest(http::request<http::string_body>&& message, const std::string& remoteAddress) {
    Request request;
    request.remoteAddress = remoteAddress;
    request.method = std::string(view(message.method_string()));
    const std::string_view target = view(message.target());
    const std::size_t question = target.find('?');
    request.path = std::string(target.substr(0, question));
    if (question != std::string_view::npos) request.query = std::string(target.substr(question + 1));
    for (const auto& field : message) request.headers.emplace_back(lowerCase(view(field.name_string())), std::string(view(field.value())));
    request.body = std::move(message.body());
    return request;
}

// The attachment upload route (http_limits.h), which has a body limit and a deadline of its own.
bool isUpload(const http::request<http::empty_body>& header) {
    const std::string_view target = view(header.target());
    return header.method() == http::verb::post && target.substr(0, target.find('?')) == kUploadPath;
}

// Open connections per remote address, so that one address cannot hold them all (a slowloris
// opens many and trickles each). Shared by the sessions, which may outlive the server object
// while a long-poll still holds one.
class AddressConnections {
public:
    explicit AddressConnections(std::size_t maxPerAddress) : maxPerAddress_(maxPerAddress) {}

    bool take(const std::string& address) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (address.empty()) return true;
        std::size_t& open = open_[address];
        if (open >= maxPerAddress_) return false;
        ++open;
        return true;
    }
    void release(const std::string& address) {
        if (address.empty()) return;
        std::lock_guard<std::mutex> lock(mutex_);
        const auto found = open_.find(address);
        if (found != open_.end() && --found->second == 0) open_.erase(found);
    }

private:
    const std::size_t maxPerAddress_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> open_;
};

// The connection's place in AddressConnections, given back when the session ends.
struct Slot {
    std::shared_ptr<AddressConnections> connections;
    std::string countedAs;
};

// One connection: read a request, hand it to the handler, write the answer, and again while
// the client keeps the connection alive. Every step runs on the connection's strand.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket&& socket, std::string remoteAddress, Slot slot, const HttpLimits& limits,
            const RequestHandler& handler)
        : stream_(std::move(socket)), deadline_(stream_.get_executor()), remoteAddress_(std::move(remoteAddress)),
          slot_(std::move(slot)), limits_(limits), handler_(handler) {}
    ~Session() { slot_.connections->release(slot_.countedAs); }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    void start() { net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->readHeader(); }); }

    // From any thread; the first answer of each request wins.
    void reply(std::uint64_t requestNumber, Response response) {
        net::post(stream_.get_executor(), [self = shared_from_this(), requestNumber, response = std::move(response)]() mutable {
            if (requestNumber != self->requestNumber_ || self->answered_) return;
            self->answered_ = true;
            self->write(std::move(response), self->keepAlive_);
        });
    }

    // On the strand, from the handler.
    void setDeadline(std::uint64_t requestNumber, std::chrono::milliseconds wait, std::function<void()> onDeadline) {
        deadline_.expires_after(wait);
        deadline_.async_wait([self = shared_from_this(), requestNumber, onDeadline = std::move(onDeadline)](beast::error_code error) {
            if (error || requestNumber != self->requestNumber_ || self->answered_) return;
            onDeadline();
        });
    }

private:
    void readHeader() {
        headRequest_ = false;
        headerParser_.emplace();
        headerParser_->header_limit(static_cast<std::uint32_t>(limits_.maxHeaderBytes));
        // Beast compares a Content-Length with this as soon as the header is in (body_limit);
        // which of the limits applies is known only then, so onHeader compares again.
        headerParser_->body_limit(std::max(limits_.maxBodyBytes, limits_.maxUploadBytes));
        stream_.expires_after(limits_.requestTimeout);
        http::async_read_header(stream_, buffer_, *headerParser_,
                                [self = shared_from_this()](beast::error_code error, std::size_t) { self->onHeader(error); });
    }

    void onHeader(beast::error_code error) {
        if (error == http::error::header_limit) return refuse(Refusal::HeadersTooLarge);
        // Decided from Content-Length, so a 100 MB upload is refused without reading any of it.
        if (error == http::error::body_limit) return refuse(Refusal::BodyTooLarge);
        if (error == http::error::end_of_stream || error == beast::error::timeout || error == net::error::eof ||
            error == net::error::connection_reset || error == net::error::operation_aborted) {
            return close();
        }
        if (error) return refuse(Refusal::Malformed);
        const bool upload = isUpload(headerParser_->get());
        const std::size_t bodyLimit = upload ? limits_.maxUploadBytes : limits_.maxBodyBytes;
        if (const auto length = headerParser_->content_length(); length && *length > bodyLimit) {
            return refuse(Refusal::BodyTooLarge);
        }
        // An upload gets its own time to arrive, from the end of its header.
        if (upload) stream_.expires_after(limits_.uploadTimeout);
        bodyParser_.emplace(std::move(*headerParser_));
        headerParser_.reset();
        // A chunked body has no length up front; it is cut off as it crosses the limit.
        bodyParser_->body_limit(bodyLimit);
        http::async_read(stream_, buffer_, *bodyParser_,
                         [self = shared_from_this()](beast::error_code error, std::size_t) { self->onBody(error); });
    }

    void onBody(beast::error_code error) {
        if (error == http::error::body_limit) return refuse(Refusal::BodyTooLarge);
        if (error == beast::error::timeout || error == http::error::end_of_stream || error == net::error::eof ||
            error == net::error::connection_reset) {
            return close();
        }
        if (error) return refuse(Refusal::Malformed);
        http::request<http::string_body> message = bodyParser_->release();
        bodyParser_.reset();
        keepAlive_ = message.keep_alive();
        headRequest_ = message.method() == http::verb::head;
        ++requestNumber_;
        answered_ = false;
        // The request is in: from here its endpoint's own deadline (a long-poll's) governs.
        stream_.expires_never();
        handler_(toRequest(std::move(message), remoteAddress_), std::make_shared<SessionExchange>(shared_from_this(), requestNumber_));
    }

    void refuse(Refusal refusal) {
        // The rest of the request is unread, so the connection cannot carry another one.
        write(refusalResponse(refusal), false);
    }

    void write(Response response, bool keepAlive) {
        deadline_.cancel();
        auto message = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(response.status), 11);
        if (!response.contentType.empty()) message->set(http::field::content_type, response.contentType);
        for (auto& [name, value] : response.headers) message->insert(name, value);
        message->keep_alive(keepAlive);
        if (headRequest_) {
            // HEAD answers what GET would, without the body (RFC 9110 §9.3.2).
            message->content_length(response.body.size());
        } else {
            message->body() = std::move(response.body);
            message->prepare_payload();
        }
        stream_.expires_after(limits_.requestTimeout);
        http::async_write(stream_, *message, [self = shared_from_this(), message](beast::error_code error, std::size_t) {
            if (error || !message->keep_alive()) return self->close();
            self->readHeader();
        });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.close();
    }

    class SessionExchange final : public Exchange {
    public:
        SessionExchange(std::shared_ptr<Session> session, std::uint64_t requestNumber)
            : session_(std::move(session)), requestNumber_(requestNumber) {}
        void reply(Response response) override {
            if (replied_.exchange(true)) return;
            session_->reply(requestNumber_, std::move(response));
        }
        void setDeadline(std::chrono::milliseconds wait, std::function<void()> onDeadline) override {
            session_->setDeadline(requestNumber_, wait, std::move(onDeadline));
        }

    private:
        std::shared_ptr<Session> session_;
        std::uint64_t requestNumber_;
        std::atomic<bool> replied_{false};
    };

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    net::steady_timer deadline_;
    const std::string remoteAddress_;
    const Slot slot_;
    std::optional<http::request_parser<http::empty_body>> headerParser_;
    std::optional<http::request_parser<http::string_body>> bodyParser_;
    const HttpLimits& limits_;
    const RequestHandler& handler_;
    // Which request of the connection an answer or a deadline belongs to, so a late one from a
    // finished long-poll cannot answer the next request.
    std::uint64_t requestNumber_ = 0;
    bool answered_ = false;
    bool keepAlive_ = false;
    bool headRequest_ = false;
};

}  // namespace

struct HttpServer::Impl {
    Impl(HttpLimits limitsIn, RequestHandler handlerIn)
        : limits(limitsIn), handler(std::move(handlerIn)),
          connections(std::make_shared<AddressConnections>(limits.maxConnectionsPerAddress)) {}

    HttpLimits limits;
    RequestHandler handler;
    std::shared_ptr<AddressConnections> connections;
    net::io_context io{limits.threads};
    tcp::acceptor acceptor{net::make_strand(io)};
    std::vector<std::thread> threads;

    void accept() {
        acceptor.async_accept(net::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
            if (error == net::error::operation_aborted) return;
            if (!error) admit(std::move(socket));
            accept();
        });
    }

    // Over the address's cap the connection is closed unanswered: answering would cost what
    // the cap is there to save.
    void admit(tcp::socket&& socket) {
        beast::error_code error;
        const tcp::endpoint remote = socket.remote_endpoint(error);
        if (error) return;
        const std::string address = remote.address().to_string();
        // The proxy's own connections are counted under a name no peer has, which has no cap.
        std::string counted = limits.proxyOnLoopback && remote.address().is_loopback() ? std::string() : address;
        if (!connections->take(counted)) {
            socket.close(error);
            return;
        }
        std::make_shared<Session>(std::move(socket), address, Slot{connections, std::move(counted)}, limits, handler)->start();
    }
};

HttpServer::HttpServer(HttpLimits limits, RequestHandler handler) : impl_(std::make_unique<Impl>(limits, std::move(handler))) {}

HttpServer::~HttpServer() { stop(); }

std::uint16_t HttpServer::start(const std::string& address, std::uint16_t port) {
    const tcp::endpoint endpoint(net::ip::make_address(address), port);
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.set_option(net::socket_base::reuse_address(true));
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen(net::socket_base::max_listen_connections);
    const std::uint16_t bound = impl_->acceptor.local_endpoint().port();
    impl_->accept();
    for (int i = 0; i < std::max(1, impl_->limits.threads); ++i) impl_->threads.emplace_back([this] { impl_->io.run(); });
    return bound;
}

void HttpServer::stop() {
    impl_->io.stop();
    for (std::thread& thread : impl_->threads) thread.join();
    impl_->threads.clear();
}

}  // namespace parta::server
