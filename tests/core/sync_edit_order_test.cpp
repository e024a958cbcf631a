// A standalone messageEdited event carries its own editedAt, and the newest edit wins however
// the edits arrive: a late, older edit (a slow device's, or a replayed page) must not undo a
// newer one, and the order and page split of the events must not change the result.
#include <gtest/gtest.h>

#include <algorithm>

#include "store/database.h"
#include "store/message_store.h"
#include "store/migrations.h"
#include "support/sync_fixtures.h"
#include "support/synced_store.h"
#include "sync/page_applier.h"
#include "sync/sync_page.h"

namespace parta::sync {
namespace {

using testing::page;

constexpr std::int64_t kOlder = 1700000100000;
constexpr std::int64_t kNewer = 1700000200000;

store::Message message102(testing::SyncedStore& synced) { return synced.store.messages(1, {}).at(0); }

nlohmann::json edit(const std::string& text, std::int64_t editedAt) {
    return {{"type", "messageEdited"},
            {"messageEdited", {{"id", 102}, {"chatId", 1}, {"text", text}, {"editedAt", editedAt}}}};
}

nlohmann::json olderEdit() { return edit("Собрание в среду", kOlder); }
nlohmann::json newerEdit() { return edit("Собрание в четверг", kNewer); }

nlohmann::json originalMessage() {
    return nlohmann::json::array(
        {testing::chatEvent(1, "5Б"), testing::messageEvent(102, 1, 4, "Собрание во вторник")});
}

TEST(SyncEditOrder, AnOlderEditAppliedAfterANewerOneDoesNotOverwriteIt) {
    testing::SyncedStore store;
    store.apply(page("c1", originalMessage()));
    store.apply(page("c2", nlohmann::json::array({newerEdit()})));
    store.apply(page("c3", nlohmann::json::array({olderEdit()})));
    EXPECT_EQ(message102(store).text, "Собрание в четверг");
    EXPECT_EQ(message102(store).editedAt, kNewer);
}

TEST(SyncEditOrder, ANewerEditAppliedAfterAnOlderOneReplacesIt) {
    testing::SyncedStore store;
    store.apply(page("c1", originalMessage()));
    store.apply(page("c2", nlohmann::json::array({olderEdit()})));
    EXPECT_EQ(message102(store).text, "Собрание в среду");
    store.apply(page("c3", nlohmann::json::array({newerEdit()})));
    EXPECT_EQ(message102(store).text, "Собрание в четверг");
    EXPECT_EQ(message102(store).editedAt, kNewer);
}

// Both orders of the two edits, each cut into pages of every size: one page holding the
// message and both edits, down to one event per page.
TEST(SyncEditOrder, EditsInEitherOrderAndAnyPageSplitLeaveTheNewestEditAndIdenticalStores) {
    testing::SyncedStore reference;
    auto newestOnly = originalMessage();
    newestOnly.push_back(newerEdit());
    reference.apply(page("end", newestOnly));
    const std::string expected = testing::storeDump(reference.database);

    for (const bool newerFirst : {true, false}) {
        auto events = originalMessage();
        events.push_back(newerFirst ? newerEdit() : olderEdit());
        events.push_back(newerFirst ? olderEdit() : newerEdit());
        for (std::size_t size = 1; size <= events.size(); ++size) {
            testing::SyncedStore store;
            for (std::size_t start = 0; start < events.size(); start += size) {
                auto chunk = nlohmann::json::array();
                for (std::size_t i = start; i < std::min(events.size(), start + size); ++i) chunk.push_back(events[i]);
                const bool last = start + size >= events.size();
                store.apply(page(last ? "end" : "c" + std::to_string(start), chunk, !last));
            }
            const std::string order = newerFirst ? "newer edit first" : "older edit first";
            EXPECT_EQ(message102(store).text, "Собрание в четверг") << order << ", pages of " << size;
            EXPECT_EQ(testing::storeDump(store.database), expected) << order << ", pages of " << size;
        }
    }
}

}  // namespace
}  // namespace parta::sync
