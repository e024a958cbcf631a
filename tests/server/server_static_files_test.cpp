// The web client served by the reference server (server/static): content types, the security
// headers, no way out of the served folders, HEAD, precompressed variants, caching by name,
// revalidation by ETag, /join/<code> pages that reveal nothing about the code, and the API
// left as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "random/uuid.h"
#include "server/support/school_fixture.h"

namespace parta::testing {
namespace {

const std::string kIndexHtml = "<!doctype html><title>Парта</title><script type=\"module\" src=\"/app.js\"></script>\n";
const std::string kAppJs = "export const app = 1;\n";
const std::string kSecret = "outside the served folders";

void write(const std::filesystem::path& path, const std::string& bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

// A temporary web/ and wasm/ of fixture files (not the real build), a file beside them that
// must never be served, and a second server on the fixture's store that serves both folders.
class StaticFilesTest : public SchoolFixture {
protected:
    void SetUp() override {
        SchoolFixture::SetUp();
        root_ = std::filesystem::temp_directory_path() / ("parta-static-test-" + generateUuidV4());
        const std::filesystem::path web = root_ / "site" / "web";
        const std::filesystem::path wasm = root_ / "site" / "wasm";
        write(web / "index.html", kIndexHtml);
        write(web / "app.js", kAppJs);
        write(web / "app.js.br", "brotli bytes of app.js");
        write(web / "app.js.gz", "gzip bytes of app.js");
        write(web / "style.css", "body { margin: 0; }\n");
        write(web / "worker.mjs", "self.onmessage = () => {};\n");
        write(web / "strings.json", "{}\n");
        write(web / "notes.xyz", "no known type\n");
        write(web / "app.3f9a1c2e.js", kAppJs);
        write(web / "app.3f9a.js", kAppJs);  // four digits: too short to be a content hash
        write(web / "sub" / "deeper" / "page.js", kAppJs);
        write(web / ".hidden", kSecret);
        write(wasm / "parta.wasm", std::string("\0asm\1\0\0\0", 8));
        write(wasm / "storage" / "browser_files.mjs", kAppJs);
        write(root_ / "site" / "secret.txt", kSecret);
        write(root_ / "secret.txt", kSecret);

        server::ServerOptions options = testOptions();
        options.staticMounts = {{"/", web}, {"/wasm/", wasm}};
        staticServer_ = startServer(options, staticPort_);
    }

    void TearDown() override {
        staticServer_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(root_, ignored);
        SchoolFixture::TearDown();
    }

    HttpClient browser() { return HttpClient(staticPort_); }

    std::filesystem::path root_;
    std::unique_ptr<server::ReferenceServer> staticServer_;
    std::uint16_t staticPort_ = 0;
};

struct TypeCase {
    const char* path;
    const char* contentType;
};

TEST_F(StaticFilesTest, EachFileComesWithTheContentTypeOfItsExtension) {
    // path                                   Content-Type
    const std::vector<TypeCase> cases = {
        {"/",                                  "text/html; charset=utf-8"},
        {"/index.html",                        "text/html; charset=utf-8"},
        {"/app.js",                            "text/javascript; charset=utf-8"},
        {"/worker.mjs",                        "text/javascript; charset=utf-8"},
        {"/wasm/storage/browser_files.mjs",    "text/javascript; charset=utf-8"},
        {"/style.css",                         "text/css; charset=utf-8"},
        {"/strings.json",                      "application/json"},
        {"/wasm/parta.wasm",                   "application/wasm"},
        {"/notes.xyz",                         "application/octet-stream"},
        {"/sub/deeper/page.js",                "text/javascript; charset=utf-8"},
    };
    HttpClient client = browser();
    for (const TypeCase& test : cases) {
        const HttpAnswer answer = client.get(test.path);
        EXPECT_EQ(answer.status, 200) << test.path;
        EXPECT_EQ(answer.header("content-type"), test.contentType) << test.path;
    }
    EXPECT_EQ(client.get("/").body, kIndexHtml);
    EXPECT_EQ(client.get("/wasm/parta.wasm").body, std::string("\0asm\1\0\0\0", 8));
}

TEST_F(StaticFilesTest, EveryStaticAnswerCarriesTheSecurityHeaders) {
    HttpClient client = browser();
    for (const char* path : {"/", "/app.js", "/wasm/parta.wasm", "/join/PAB0-CE1H", "/missing.js", "/../secret.txt"}) {
        const HttpAnswer answer = client.get(path);
        const std::string policy = answer.header("content-security-policy");
        EXPECT_NE(policy.find("script-src 'self' 'wasm-unsafe-eval'"), std::string::npos) << path << ": " << policy;
        EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << path;
        EXPECT_NE(policy.find("worker-src 'self'"), std::string::npos) << path;
        EXPECT_NE(policy.find("default-src 'none'"), std::string::npos) << path;
        EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << path;
        EXPECT_EQ(policy.find("'unsafe-eval'"), std::string::npos) << path;
        EXPECT_EQ(answer.header("x-content-type-options"), "nosniff") << path;
        EXPECT_FALSE(answer.header("referrer-policy").empty()) << path;
    }
}

TEST_F(StaticFilesTest, NoPathLeavesTheServedFoldersHoweverItIsWritten) {
    const std::vector<std::string> escapes = {
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2e/secret.txt",
        "/%2e%2E/%2E%2E/secret.txt",
        "/.%2e/secret.txt",
        "/%2e./secret.txt",
        "/sub/../../secret.txt",
        "/sub/deeper/../../../secret.txt",
        "/sub/deeper/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/wasm/../secret.txt",
        "/wasm/../../secret.txt",
        "/wasm/%2e%2e/%2e%2e/secret.txt",
        "/wasm/storage/..%2f..%2f..%2fsecret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt",
        "/wasm%2f..%2f..%2fsecret.txt",
        "/sub%2fdeeper%2fpage.js",
        "/%5c..%5csecret.txt",
        "/app.js%00.html",
        "/.hidden",
        "/%2ehidden",
        "//secret.txt",
        "/bad%zzescape",
        "/sub/",
    };
    HttpClient client = browser();
    for (const std::string& path : escapes) {
        for (const char* method : {"GET", "HEAD"}) {
            const HttpAnswer answer = client.request(method, path, "");
            EXPECT_EQ(answer.status, 404) << method << " " << path;
            EXPECT_EQ(answer.body.find(kSecret), std::string::npos) << method << " " << path;
        }
    }
}

TEST_F(StaticFilesTest, OnlyGetAndHeadAreAnswered) {
    HttpClient client = browser();
    for (const char* method : {"POST", "PUT", "DELETE"}) {
        const HttpAnswer answer = client.request(method, "/app.js", "x");
        EXPECT_EQ(answer.status, 405) << method;
        EXPECT_EQ(answer.header("allow"), "GET, HEAD") << method;
    }
}

TEST_F(StaticFilesTest, HeadAnswersTheHeadersOfGetWithoutTheBody) {
    HttpClient client = browser();
    const HttpAnswer get = client.get("/app.js");
    const HttpAnswer head = client.head("/app.js");
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.body.empty());
    EXPECT_EQ(head.header("content-length"), std::to_string(kAppJs.size()));
    EXPECT_EQ(head.header("content-type"), get.header("content-type"));
    EXPECT_EQ(head.header("cache-control"), get.header("cache-control"));
}

struct EncodingCase {
    const char* path;
    const char* acceptEncoding;  // empty: no header
    const char* contentEncoding;  // empty: the file as it is
    std::string body;
};

TEST_F(StaticFilesTest, APrecompressedVariantIsSentOnlyWhenAcceptEncodingAllowsIt) {
    // path          Accept-Encoding        Content-Encoding  body
    const std::vector<EncodingCase> cases = {
        {"/app.js",    "",                    "",               kAppJs},
        {"/app.js",    "gzip, deflate, br",   "br",             "brotli bytes of app.js"},
        {"/app.js",    "br",                  "br",             "brotli bytes of app.js"},
        {"/app.js",    "gzip",                "gzip",           "gzip bytes of app.js"},
        {"/app.js",    "br;q=0, gzip",        "gzip",           "gzip bytes of app.js"},
        {"/app.js",    "GZIP;Q=0.5",          "gzip",           "gzip bytes of app.js"},
        {"/app.js",    "br;q=0, gzip;q=0",    "",               kAppJs},
        {"/app.js",    "identity",            "",               kAppJs},
        {"/app.js",    "deflate",             "",               kAppJs},
        {"/app.js",    "*",                   "br",             "brotli bytes of app.js"},
        {"/app.js",    "*, br;q=0",           "gzip",           "gzip bytes of app.js"},
        {"/app.js",    "x-gzip",              "gzip",           "gzip bytes of app.js"},
        {"/style.css", "gzip, br",            "",               "body { margin: 0; }\n"},
    };
    for (const EncodingCase& test : cases) {
        HttpClient client = browser();
        if (*test.acceptEncoding != '\0') client.addHeader("Accept-Encoding", test.acceptEncoding);
        const HttpAnswer answer = client.get(test.path);
        const std::string label = std::string(test.path) + " with \"" + test.acceptEncoding + "\"";
        EXPECT_EQ(answer.status, 200) << label;
        EXPECT_EQ(answer.header("content-encoding"), test.contentEncoding) << label;
        EXPECT_EQ(answer.body, test.body) << label;
        // The type is the file's, whichever bytes are sent.
        EXPECT_EQ(answer.header("content-type"), std::string(test.path) == "/app.js" ? "text/javascript; charset=utf-8"
                                                                                     : "text/css; charset=utf-8")
            << label;
        EXPECT_EQ(answer.header("vary"), "Accept-Encoding") << label;
    }
}

TEST_F(StaticFilesTest, OnlyContentHashedNamesAreCachedAsImmutable) {
    HttpClient client = browser();
    EXPECT_EQ(client.get("/app.3f9a1c2e.js").header("cache-control"), "public, max-age=31536000, immutable");
    for (const char* path : {"/app.js", "/app.3f9a.js", "/", "/index.html", "/wasm/parta.wasm", "/join/PAB0"}) {
        EXPECT_EQ(client.get(path).header("cache-control"), "no-cache") << path;
    }
}

TEST_F(StaticFilesTest, ARevalidationOfBytesTheBrowserHoldsIsAnsweredWithoutThem) {
    HttpClient first = browser();
    first.addHeader("Accept-Encoding", "br");
    const HttpAnswer full = first.get("/app.js");
    const std::string tag = full.header("etag");
    ASSERT_FALSE(tag.empty());

    HttpClient again = browser();
    again.addHeader("Accept-Encoding", "br");
    again.addHeader("If-None-Match", "\"other\", W/" + tag);
    const HttpAnswer unchanged = again.get("/app.js");
    EXPECT_EQ(unchanged.status, 304);
    EXPECT_EQ(unchanged.body, "");
    EXPECT_EQ(unchanged.header("etag"), tag);
    EXPECT_EQ(unchanged.header("cache-control"), "no-cache");
    EXPECT_EQ(unchanged.header("x-content-type-options"), "nosniff");

    // Another coding is other bytes: its own tag, and sent in full.
    HttpClient plain = browser();
    plain.addHeader("If-None-Match", tag);
    const HttpAnswer identity = plain.get("/app.js");
    EXPECT_EQ(identity.status, 200);
    EXPECT_EQ(identity.body, kAppJs);
    EXPECT_NE(identity.header("etag"), tag);

    // A new build of the file is sent in full under a new tag.
    write(root_ / "site" / "web" / "app.js.br", "brotli bytes of the next app.js");
    const HttpAnswer rebuilt = again.get("/app.js");
    EXPECT_EQ(rebuilt.status, 200);
    EXPECT_EQ(rebuilt.body, "brotli bytes of the next app.js");
    EXPECT_NE(rebuilt.header("etag"), tag);
}

TEST_F(StaticFilesTest, JoinPagesAreTheSameBytesAndHeadersForEveryCode) {
    HttpClient client = browser();
    const HttpAnswer known = client.get("/join/PAB0-CE1H-KM0T-XY12-3456-7890-RSC");
    const HttpAnswer unknown = client.get("/join/ZZZZ-not-a-code-at-all");
    EXPECT_EQ(known.status, 200);
    EXPECT_EQ(known.body, kIndexHtml);
    EXPECT_EQ(unknown.status, known.status);
    EXPECT_EQ(unknown.body, known.body);
    EXPECT_EQ(unknown.headers, known.headers);
    EXPECT_EQ(known.header("x-robots-tag"), "noindex");
    EXPECT_EQ(known.header("referrer-policy"), "no-referrer");
    EXPECT_EQ(known.header("content-type"), "text/html; charset=utf-8");
    // Even a "code" that looks like a way out is only the page.
    EXPECT_EQ(client.get("/join/..%2f..%2fsecret.txt").body, kIndexHtml);
}

TEST_F(StaticFilesTest, ApiPathsStillGoToTheApi) {
    HttpClient client = browser();
    const HttpAnswer unknown = client.get("/api/unknown");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_EQ(unknown.errorCode(), "NOT_FOUND");
    EXPECT_EQ(unknown.header("content-type"), "application/json; charset=utf-8");
    EXPECT_EQ(client.get("/api/v1/sync").errorCode(), "NOT_SIGNED_IN");
    EXPECT_EQ(client.signIn(admin.login, kPassword).status, 200);
}

TEST_F(StaticFilesTest, AMissingFolderOrAPrefixGivenTwiceStopsTheServerAtStart) {
    const std::vector<std::vector<server::StaticMount>> wrong = {
        {{"/", root_ / "no-such-folder"}},
        {{"/", root_ / "site" / "web"}, {"/", root_ / "site" / "wasm"}},
        {{"wasm", root_ / "site" / "wasm"}},
    };
    for (const std::vector<server::StaticMount>& mounts : wrong) {
        server::ServerOptions options = testOptions();
        options.staticMounts = mounts;
        std::uint16_t port = 0;
        EXPECT_THROW(startServer(options, port), std::invalid_argument) << mounts.front().urlPrefix;
    }
}

}  // namespace
}  // namespace parta::testing
