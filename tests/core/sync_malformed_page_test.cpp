// A malformed or partially valid page changes nothing, names the first bad field, and leaves
// the store usable. Rows live in tests/cases/sync_malformed.json; the fuzzer seeds from them.
#include <gtest/gtest.h>

#include "client/client.h"
#include "store/database.h"
#include "store/message_store.h"
#include "store/migrations.h"
#include "support/sync_fixtures.h"
#include "support/test_cases.h"
#include "sync/page_applier.h"
#include "sync/sync_page.h"

namespace parta::sync {
namespace {

struct MalformedCase {
    std::string name;
    std::string responseText;
    std::string expectedError;
};

std::vector<MalformedCase> malformedCases() {
    std::vector<MalformedCase> cases;
    const nlohmann::json table = testing::loadCaseTable("sync_malformed.json");
    for (const auto& row : table.at("cases")) {
        const std::string text = row.contains("raw") ? row["raw"].get<std::string>() : row["page"].dump();
        cases.push_back({row["name"], text, row["error"]});
    }
    return cases;
}

// A store that already holds a page, so "changes nothing" is checked against real data.
class SeededStore {
public:
    SeededStore() {
        migrate(database);
        const auto events = nlohmann::json::array({testing::meEvent(7), testing::chatEvent(1, "5Б"),
                                                   testing::messageEvent(100, 1, 8, "Завтра экскурсия")});
        const SyncPageParse parsed = parseSyncPage(testing::page("c1", events).dump());
        applySyncPage(database, store, parsed.page, std::nullopt);
    }

    store::Database database{":memory:"};
    store::MessageStore store{database};
};

class MalformedPage : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(MalformedPage, IsRejectedWholeNamingTheFirstBadField) {
    const SyncPageParse parsed = parseSyncPage(GetParam().responseText);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error->describe(), GetParam().expectedError);
    EXPECT_TRUE(parsed.page.events.empty());
}

TEST_P(MalformedPage, ChangesNothingThroughTheClientAndLeavesItUsable) {
    Client client;
    const auto seed = nlohmann::json::array({testing::chatEvent(1, "5Б"), testing::messageEvent(100, 1, 8, "Завтра экскурсия")});
    ASSERT_TRUE(client.applySync(testing::page("c1", seed).dump(), 0).ok());
    const auto before = client.messages(1, {});

    const auto result = client.applySync(GetParam().responseText, 0);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(errorCode(result.error->code), "BAD_SYNC_PAGE");
    EXPECT_EQ(result.error->detail, GetParam().expectedError);

    const auto after = client.messages(1, {});
    ASSERT_TRUE(after.ok());
    ASSERT_EQ(after.value.size(), before.value.size());
    EXPECT_EQ(after.value[0].text, "Завтра экскурсия");
    EXPECT_EQ(client.nextRequest(10'000'000).path, "/api/v1/sync?since=c1&limit=1000");
    const auto next = nlohmann::json::array({testing::messageEvent(101, 1, 8, "Автобус в 9:00")});
    EXPECT_TRUE(client.applySync(testing::page("c2", next).dump(), 0).ok());
}

INSTANTIATE_TEST_SUITE_P(Corpus, MalformedPage, ::testing::ValuesIn(malformedCases()),
                         [](const ::testing::TestParamInfo<MalformedCase>& info) {
                             return testing::testNameFromSentence(info.param.name);
                         });

TEST(MalformedPageExtras, InvalidUtf8IsNotAJsonDocument) {
    const std::string text = "{\"cursor\": \"c9\", \"more\": false, \"events\": [], \"note\": \"\xff\"}";
    const SyncPageParse parsed = parseSyncPage(text);
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error->describe(), "expected a JSON document");
}

TEST(MalformedPageExtras, TextOverTheLimitIsRejectedAndAtTheLimitAccepted) {
    auto event = testing::messageEvent(1, 9, 9, std::string(4096, 'a'));
    EXPECT_TRUE(parseSyncPage(testing::page("c9", nlohmann::json::array({event})).dump()).ok());
    // 4096 two-byte Cyrillic letters: the limit counts characters, not bytes.
    std::string cyrillic;
    for (int i = 0; i < 4096; ++i) cyrillic += "ж";
    event = testing::messageEvent(1, 9, 9, cyrillic);
    EXPECT_TRUE(parseSyncPage(testing::page("c9", nlohmann::json::array({event})).dump()).ok());
    event = testing::messageEvent(1, 9, 9, cyrillic + "ж");
    const SyncPageParse parsed = parseSyncPage(testing::page("c9", nlohmann::json::array({event})).dump());
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error->describe(), "events[0].message.text: expected 0 to 4096 characters");
}

TEST(MalformedPageExtras, PageOverTheEventLimitIsRejected) {
    auto events = nlohmann::json::array();
    for (int i = 0; i < 10001; ++i) events.push_back({{"type", "reset"}});
    const SyncPageParse parsed = parseSyncPage(testing::page("c9", events).dump());
    ASSERT_FALSE(parsed.ok());
    EXPECT_EQ(parsed.error->describe(), "events: expected at most 10000 items");
}

TEST(MalformedPageExtras, EveryRowLeavesTheStoreByteForByteUnchanged) {
    SeededStore seeded;
    const std::string before = testing::storeDump(seeded.database);
    for (const MalformedCase& row : malformedCases()) {
        const SyncPageParse parsed = parseSyncPage(row.responseText);
        ASSERT_FALSE(parsed.ok()) << row.name;
        EXPECT_EQ(testing::storeDump(seeded.database), before) << row.name;
    }
    EXPECT_EQ(seeded.store.cursor(), "c1");
}

TEST(MalformedPageExtras, CorpusIsLargeAndNamesNestedFields) {
    const auto cases = malformedCases();
    EXPECT_GE(cases.size(), 35u);
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [](const MalformedCase& row) {
        return row.expectedError == "events[3].message.chatId: expected integer";
    }));
}

}  // namespace
}  // namespace parta::sync
