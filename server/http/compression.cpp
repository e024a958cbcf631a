#include "http/compression.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "http/accept_encoding.h"

namespace parta::server {

namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
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
            // Other bytes, so another validator than the plain file's (server/static).
            for (auto& [name, value] : response.headers) {
                if (equalsIgnoringCase(name, "ETag") && value.size() >= 2 && value.back() == '"') value.insert(value.size() - 1, "-gzip");
            }
            // A file answer says it already (server/static).
            if (!hasHeader(response, "Vary")) response.headers.emplace_back("Vary", "Accept-Encoding");
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

bool acceptsGzip(std::string_view acceptEncoding) { return acceptsEncoding(acceptEncoding, "gzip"); }

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
