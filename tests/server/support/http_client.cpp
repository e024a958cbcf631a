#include "server/support/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <algorithm>
#include <cctype>

namespace parta::testing {

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

std::string text(beast::string_view view) { return std::string(view.data(), view.size()); }

std::string lowerCase(std::string value) {
    for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return value;
}

HttpAnswer toAnswer(const http::response<http::string_body>& response) {
    HttpAnswer answer;
    answer.status = static_cast<int>(response.result_int());
    for (const auto& field : response) answer.headers.emplace_back(lowerCase(text(field.name_string())), text(field.value()));
    answer.body = response.body();
    return answer;
}

// An answer to HEAD has a Content-Length but no body, which the parser must be told.
HttpAnswer readAnswer(beast::tcp_stream& stream, bool headRequest = false) {
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    parser.skip(headRequest);
    beast::error_code error;
    http::read(stream, buffer, parser, error);
    if (error) return {};  // status 0: no answer
    return toAnswer(parser.get());
}

tcp::endpoint loopback(std::uint16_t port) { return {net::ip::make_address("127.0.0.1"), port}; }

}  // namespace

std::string HttpAnswer::header(std::string_view lowerCaseName) const {
    for (const auto& [name, value] : headers) {
        if (name == lowerCaseName) return value;
    }
    return {};
}

nlohmann::json HttpAnswer::json() const { return nlohmann::json::parse(body, nullptr, false); }

std::string HttpAnswer::errorCode() const {
    const nlohmann::json parsed = json();
    if (!parsed.is_object() || !parsed.contains("error")) return {};
    return parsed["error"].value("code", "");
}

HttpAnswer HttpClient::request(const std::string& method, const std::string& target, const std::string& body) {
    net::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(loopback(port_));
    http::request<http::string_body> request(http::string_to_verb(method), target, 11);
    request.set(http::field::host, "127.0.0.1");
    if (!body.empty()) request.set(http::field::content_type, "application/json");
    if (csrfHeader_) request.set("X-Parta-Request", "1");
    if (!cookie_.empty()) request.set(http::field::cookie, cookie_);
    for (const auto& [name, value] : extraHeaders_) request.set(name, value);
    request.body() = body;
    request.prepare_payload();
    http::write(stream, request);
    HttpAnswer answer = readAnswer(stream, method == "HEAD");
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    return answer;
}

HttpAnswer HttpClient::signIn(const std::string& login, const std::string& password) {
    HttpAnswer answer = post("/api/v1/session", nlohmann::json{{"login", login}, {"password", password}}.dump());
    const std::string setCookie = answer.header("set-cookie");
    if (answer.status == 200) cookie_ = setCookie.substr(0, setCookie.find(';'));
    return answer;
}

HttpAnswer rawExchange(std::uint16_t port, const std::string& bytes) {
    net::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(loopback(port));
    beast::error_code error;
    net::write(stream, net::buffer(bytes), error);
    return readAnswer(stream);
}

}  // namespace parta::testing
