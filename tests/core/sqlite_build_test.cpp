// The store arrives with its own issue; this proves the pinned SQLite is compiled into every
// build with the options docs/build.md promises.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <string>

namespace {

using Database = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Database openInMemory() {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(":memory:", &raw), SQLITE_OK);
    return Database(raw, &sqlite3_close);
}

std::string firstColumn(sqlite3* db, const char* sql) {
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    std::string value;
    if (sqlite3_step(statement) == SQLITE_ROW) {
        value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    return value;
}

// The expected versions are the pin's (cmake/sqlite.cmake), not the library's own header's, so
// the library and the pin cannot drift apart without this failing.
TEST(SqliteBuild, LinkedLibraryIsThePinnedAmalgamation) {
    EXPECT_STREQ(sqlite3_libversion(), PARTA_SQLITE_PINNED_VERSION);
    EXPECT_STREQ(SQLITE_VERSION, PARTA_SQLITE_PINNED_VERSION);
    // The header and the library are the same build.
    EXPECT_STREQ(sqlite3_sourceid(), SQLITE_SOURCE_ID);
    EXPECT_STREQ(PARTA_SQLITE_INSTALLED_PACKAGE_VERSION, PARTA_SQLITE_PINNED_PACKAGE_VERSION)
        << "the amalgamation is not from the better-sqlite3 that package-lock.json pins: run scripts/setup";
}

TEST(SqliteBuild, CompileOptionsMatchTheBuildDocument) {
    EXPECT_TRUE(sqlite3_compileoption_used("ENABLE_FTS5"));
    EXPECT_TRUE(sqlite3_compileoption_used("OMIT_LOAD_EXTENSION"));
    EXPECT_TRUE(sqlite3_compileoption_used("TEMP_STORE=3"));
    EXPECT_TRUE(sqlite3_compileoption_used("DEFAULT_FOREIGN_KEYS"));
    EXPECT_TRUE(sqlite3_compileoption_used("ENABLE_QPSG"));
#ifdef __EMSCRIPTEN__
    EXPECT_EQ(sqlite3_threadsafe(), 0);
#else
    EXPECT_EQ(sqlite3_threadsafe(), 1);
#endif
}

TEST(SqliteBuild, Fts5FindsRussianWordsByPrefixIgnoringCase) {
    Database db = openInMemory();
    ASSERT_EQ(sqlite3_exec(db.get(),
                           "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='unicode61 remove_diacritics 2');"
                           "INSERT INTO t VALUES ('Родительское собрание в пятницу');",
                           nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db.get());
    EXPECT_EQ(firstColumn(db.get(), "SELECT count(*) FROM t WHERE t MATCH 'собран*'"), "1");
    EXPECT_EQ(firstColumn(db.get(), "SELECT count(*) FROM t WHERE t MATCH 'ПЯТНИЦУ'"), "1");
}

TEST(SqliteBuild, DoubleQuotedStringLiteralsAreRejected) {
    Database db = openInMemory();
    EXPECT_NE(sqlite3_exec(db.get(), "SELECT \"not a column\"", nullptr, nullptr, nullptr), SQLITE_OK);
}

}  // namespace
