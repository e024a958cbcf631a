#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <string>
#include <string_view>

namespace parta::bench {

struct HttpAnswer {
    int status = 0;
    std::string sessionCookie;  // "parta_session=…" when the answer sets one
    std::string_view body;      // valid until the next request on the connection
};

// One keep-alive HTTP/1.1 connection, one request at a time, connecting on first use and again
// after a failure. Reads answers by Content-Length only: the reference server always sends one.
class HttpConnection {
public:
    using Handler = std::function<void(const std::string& failure, const HttpAnswer& answer)>;

    HttpConnection(boost::asio::io_context& io, boost::asio::ip::tcp::endpoint server);

    // `request`: the whole request, head and body, as it goes on the wire.
    void exchange(std::string request, Handler handler);

private:
    void write();
    void readHead();
    void readBody(std::size_t headBytes, std::size_t bodyBytes, int status, std::string cookie);
    void fail(const std::string& failure);

    boost::asio::ip::tcp::socket socket_;
    boost::asio::ip::tcp::endpoint server_;
    std::string request_;
    std::string buffer_;
    std::string body_;
    Handler handler_;
};

// Request text for the reference server: JSON bodies, the CSRF header on every POST.
std::string httpGet(std::string_view target, std::string_view cookie);
std::string httpPost(std::string_view target, std::string_view cookie, std::string_view jsonBody);

}  // namespace parta::bench
