#include "http_connection.h"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <cctype>

namespace parta::bench {

namespace asio = boost::asio;
using boost::system::error_code;

namespace {

// The value of header `name` (lower case, with its colon) in `head`, or empty.
std::string_view headerValue(std::string_view head, std::string_view name) {
    std::string lower(head);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::size_t at = lower.find(name);
    if (at == std::string::npos) return {};
    std::size_t begin = at + name.size();
    while (begin < head.size() && head[begin] == ' ') ++begin;
    const std::size_t end = head.find("\r\n", begin);
    return head.substr(begin, end - begin);
}

}  // namespace

HttpConnection::HttpConnection(asio::io_context& io, asio::ip::tcp::endpoint server) : socket_(io), server_(server) {}

void HttpConnection::exchange(std::string request, Handler handler) {
    request_ = std::move(request);
    handler_ = std::move(handler);
    if (socket_.is_open()) {
        write();
        return;
    }
    socket_.async_connect(server_, [this](error_code error) {
        if (error) return fail("connect: " + error.message());
        socket_.set_option(asio::ip::tcp::no_delay(true));
        write();
    });
}

void HttpConnection::write() {
    asio::async_write(socket_, asio::buffer(request_), [this](error_code error, std::size_t) {
        if (error) return fail("write: " + error.message());
        readHead();
    });
}

void HttpConnection::readHead() {
    asio::async_read_until(socket_, asio::dynamic_buffer(buffer_), "\r\n\r\n", [this](error_code error, std::size_t headBytes) {
        if (error) return fail("read: " + error.message());
        const std::string_view head(buffer_.data(), headBytes);
        const int status = head.size() > 12 ? std::atoi(head.data() + 9) : 0;
        const std::string_view length = headerValue(head, "\r\ncontent-length:");
        if (length.empty()) return fail("answer without Content-Length");
        std::string cookie(headerValue(head, "\r\nset-cookie:"));
        cookie = cookie.substr(0, cookie.find(';'));
        readBody(headBytes, static_cast<std::size_t>(std::atoll(std::string(length).c_str())), status, std::move(cookie));
    });
}

void HttpConnection::readBody(std::size_t headBytes, std::size_t bodyBytes, int status, std::string cookie) {
    const auto deliver = [this, headBytes, bodyBytes, status, cookie = std::move(cookie)]() {
        // Out of the read buffer before the handler runs: it may start the next exchange, whose
        // read must not find this answer's head still there.
        body_.assign(buffer_, headBytes, bodyBytes);
        buffer_.erase(0, headBytes + bodyBytes);
        Handler handler = std::move(handler_);
        handler("", HttpAnswer{status, cookie, body_});
    };
    const std::size_t missing = headBytes + bodyBytes > buffer_.size() ? headBytes + bodyBytes - buffer_.size() : 0;
    if (missing == 0) return deliver();
    asio::async_read(socket_, asio::dynamic_buffer(buffer_), asio::transfer_exactly(missing),
                     [this, deliver](error_code error, std::size_t) {
                         if (error) return fail("read: " + error.message());
                         deliver();
                     });
}

void HttpConnection::fail(const std::string& failure) {
    error_code ignored;
    socket_.close(ignored);
    buffer_.clear();
    Handler handler = std::move(handler_);
    handler(failure, HttpAnswer{});
}

std::string httpGet(std::string_view target, std::string_view cookie) {
    std::string request = "GET ";
    request.append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ").append(cookie).append("\r\n\r\n");
    return request;
}

std::string httpPost(std::string_view target, std::string_view cookie, std::string_view jsonBody) {
    std::string request = "POST ";
    request.append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Parta-Request: 1\r\n");
    if (!cookie.empty()) request.append("Cookie: ").append(cookie).append("\r\n");
    request.append("Content-Type: application/json\r\nContent-Length: ")
        .append(std::to_string(jsonBody.size()))
        .append("\r\n\r\n")
        .append(jsonBody);
    return request;
}

}  // namespace parta::bench
