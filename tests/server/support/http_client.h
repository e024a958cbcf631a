#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace parta::testing {

struct HttpAnswer {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;

    std::string header(std::string_view lowerCaseName) const;
    nlohmann::json json() const;
    // The error body's code, or empty.
    std::string errorCode() const;
};

// A tiny synchronous HTTP/1.1 client on Beast, one connection per request, that keeps the
// session cookie as a browser would. It sends the CSRF header unless told not to.
class HttpClient {
public:
    explicit HttpClient(std::uint16_t port) : port_(port) {}

    HttpAnswer get(const std::string& target) { return request("GET", target, ""); }
    HttpAnswer post(const std::string& target, const std::string& body) { return request("POST", target, body); }
    HttpAnswer del(const std::string& target) { return request("DELETE", target, ""); }
    HttpAnswer head(const std::string& target) { return request("HEAD", target, ""); }
    HttpAnswer request(const std::string& method, const std::string& target, const std::string& body);

    // POST /api/v1/session; keeps the cookie on success.
    HttpAnswer signIn(const std::string& login, const std::string& password);

    void sendCsrfHeader(bool send) { csrfHeader_ = send; }
    // Sent with every request from now on, e.g. Accept-Encoding.
    void addHeader(std::string name, std::string value) { extraHeaders_.emplace_back(std::move(name), std::move(value)); }
    std::string& cookie() { return cookie_; }  // "parta_session=…", empty when signed out

private:
    std::uint16_t port_;
    bool csrfHeader_ = true;
    std::string cookie_;
    std::vector<std::pair<std::string, std::string>> extraHeaders_;
};

// Writes `bytes` as they are and reads one answer: for requests a well-behaved client would
// never send (a false Content-Length, headers past the limit).
HttpAnswer rawExchange(std::uint16_t port, const std::string& bytes);

}  // namespace parta::testing
