#include "http/compression.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace parta::server {

namespace {

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// The q of one Accept-Encoding element's parameters ("q=0.5"); 1 when absent, 0 when unreadable.
double quality(std::string_view parameters) {
    while (!parameters.empty()) {
        const std::size_t semicolon = parameters.find(';');
        const std::string_view parameter = trimmed(parameters.substr(0, semicolon));
        parameters = semicolon == std::string_view::npos ? std::string_view() : parameters.substr(semicolon + 1);
        if (parameter.size() < 2 || std::tolower(static_cast<unsigned char>(parameter[0])) != 'q' || parameter[1] != '=') {
            continue;
        }
        try {
            return std::stod(std::string(parameter.substr(2)));
        } catch (const std::exception&) {
            return 0;
        }
    }
    return 1;
}

bool hasHeader(const Response& response, std::string_view name) {
    return std::any_of(response.headers.begin(), response.headers.end(),
                       [&](const auto& header) { return equalsIgnoringCase(header.first, name); });
}

class CompressingExchange final : public Exchange {
public:
    explicit CompressingExchange(std::shared_ptr<Exchange> inner) : inner_(std::move(inner)) {}

    void reply(Response response) override {
        if (response.body.size() >= kSmallestCompressedBody && !hasHeader(response, "Content-Encoding")) {
            response.body = gzip(response.body);
            response.headers.emplace_back("Content-Encoding", "gzip");
            response.headers.emplace_back("Vary", "Accept-Encoding");
        }
        inner_->reply(std::move(response));
    }
    void setDeadline(std::chrono::milliseconds wait, std::function<void()> onDeadline) override {
        inner_->setDeadline(wait, std::move(onDeadline));
    }

private:
    std::shared_ptr<Exchange> inner_;
};

}  // namespace

bool acceptsGzip(std::string_view acceptEncoding) {
    bool byWildcard = false;
    while (!acceptEncoding.empty()) {
        const std::size_t comma = acceptEncoding.find(',');
        const std::string_view element = acceptEncoding.substr(0, comma);
        acceptEncoding = comma == std::string_view::npos ? std::string_view() : acceptEncoding.substr(comma + 1);
        const std::size_t semicolon = element.find(';');
        const std::string_view coding = trimmed(element.substr(0, semicolon));
        const double q = semicolon == std::string_view::npos ? 1.0 : quality(element.substr(semicolon + 1));
        // A gzip element decides, whichever way, over a wildcard.
        if (equalsIgnoringCase(coding, "gzip") || equalsIgnoringCase(coding, "x-gzip")) return q > 0;
        if (coding == "*") byWildcard = q > 0;
    }
    return byWildcard;
}

std::string gzip(std::string_view body) {
    z_stream stream{};
    // 15 window bits + 16: a gzip wrapper, which is what Content-Encoding: gzip means.
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("zlib: deflateInit2 failed");
    }
    std::string compressed(deflateBound(&stream, body.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream.avail_in = static_cast<uInt>(body.size());
    stream.next_out = reinterpret_cast<Bytef*>(compressed.data());
    stream.avail_out = static_cast<uInt>(compressed.size());
    // deflateBound leaves room for the whole output, so one Z_FINISH call completes it.
    const int result = deflate(&stream, Z_FINISH);
    compressed.resize(stream.total_out);
    deflateEnd(&stream);
    if (result != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
    return compressed;
}

std::shared_ptr<Exchange> compressingExchange(const Request& request, std::shared_ptr<Exchange> exchange) {
    if (!acceptsGzip(request.header("accept-encoding"))) return exchange;
    return std::make_shared<CompressingExchange>(std::move(exchange));
}

}  // namespace parta::server
