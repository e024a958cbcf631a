// API answers go out gzipped when the client accepts it: a sync page of Russian text shrinks
// several times, and students read on slow mobile links.
#include <zlib.h>

#include <string>

#include <gtest/gtest.h>

#include "http/compression.h"
#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

std::string gunzip(const std::string& compressed) {
    z_stream stream{};
    EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream.avail_in = static_cast<uInt>(compressed.size());
    std::string plain;
    char chunk[16384];
    int result = Z_OK;
    while (result == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(chunk);
        stream.avail_out = sizeof chunk;
        result = inflate(&stream, Z_NO_FLUSH);
        plain.append(chunk, sizeof chunk - stream.avail_out);
    }
    inflateEnd(&stream);
    EXPECT_EQ(result, Z_STREAM_END) << "not a whole gzip stream";
    return plain;
}

struct AcceptEncodingCase {
    const char* header;
    bool gzip;
};

TEST(AcceptEncoding, AdmitsGzipWhenNamedOrWildcardedWithANonZeroQuality) {
    const AcceptEncodingCase cases[] = {
        {"gzip", true},
        {"gzip, deflate, br", true},
        {"GZip", true},
        {"x-gzip", true},
        {"deflate, gzip;q=0.5", true},
        {"gzip ; q=1.0", true},
        {"*", true},
        {"br;q=1, *;q=0.1", true},
        {"", false},
        {"identity", false},
        {"br, deflate", false},
        {"gzip;q=0", false},
        {"gzip;q=0.000", false},
        {"*;q=0", false},
        {"gzip;q=0, *", false},   // the named coding decides over the wildcard
        {"gzip;q=abc", false},    // an unreadable quality is no consent
        {"gzipped", false},
    };
    for (const AcceptEncodingCase& c : cases) {
        EXPECT_EQ(server::acceptsGzip(c.header), c.gzip) << "Accept-Encoding: " << c.header;
    }
}

TEST(Gzip, RoundTripsABodyThroughZlib) {
    std::string body;
    for (int i = 0; i < 500; ++i) body += "Завтра экскурсия, сбор в 9:00 у школы. ";
    const std::string compressed = server::gzip(body);
    EXPECT_LT(compressed.size(), body.size() / 4);
    EXPECT_EQ(gunzip(compressed), body);
}

class ServerCompression : public SchoolFixture {};

TEST_F(ServerCompression, ASyncPageIsGzippedForAClientThatAcceptsItAndReadsTheSameWhenInflated) {
    HttpClient teacher = signedIn(classTeacher);
    for (int i = 0; i < 60; ++i) {
        ASSERT_EQ(send(teacher, classChat, "Домашнее задание на завтра: параграф " + std::to_string(i) +
                                               ", упражнения 3–5, выучить правило о безударных гласных.")
                      .status,
                  201);
    }
    const HttpAnswer plain = teacher.get("/api/v1/sync?limit=1000");
    HttpClient compressedTeacher = teacher;
    compressedTeacher.addHeader("Accept-Encoding", "gzip, deflate, br");
    const HttpAnswer compressed = compressedTeacher.get("/api/v1/sync?limit=1000");

    ASSERT_EQ(plain.status, 200);
    ASSERT_EQ(compressed.status, 200);
    EXPECT_EQ(plain.header("content-encoding"), "");
    EXPECT_EQ(compressed.header("content-encoding"), "gzip");
    EXPECT_EQ(compressed.header("vary"), "Accept-Encoding");
    EXPECT_EQ(gunzip(compressed.body), plain.body);
    // Russian text in JSON compresses well; the exact ratio is recorded in docs/performance.md.
    EXPECT_LT(compressed.body.size() * 3, plain.body.size());
}

TEST_F(ServerCompression, ASmallAnswerIsSentAsItIs) {
    HttpClient teacher = signedIn(classTeacher);
    teacher.addHeader("Accept-Encoding", "gzip");
    const HttpAnswer answer = send(teacher, classChat, "Коротко");
    ASSERT_EQ(answer.status, 201);
    EXPECT_EQ(answer.header("content-encoding"), "");
    EXPECT_TRUE(answer.json().is_object());
}

TEST_F(ServerCompression, AClientThatRefusesGzipGetsThePlainPage) {
    HttpClient teacher = signedIn(classTeacher);
    for (int i = 0; i < 20; ++i) ASSERT_EQ(send(teacher, classChat, "Сообщение для класса № " + std::to_string(i)).status, 201);
    teacher.addHeader("Accept-Encoding", "gzip;q=0, br");
    const HttpAnswer answer = teacher.get("/api/v1/sync?limit=1000");
    ASSERT_EQ(answer.status, 200);
    EXPECT_EQ(answer.header("content-encoding"), "");
    EXPECT_TRUE(answer.json().is_object());
}

}  // namespace
}  // namespace parta::testing
