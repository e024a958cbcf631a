#include "support/synced_store.h"

#include <gtest/gtest.h>

#include "store/migrations.h"
#include "support/sync_fixtures.h"
#include "sync/page_applier.h"
#include "sync/sync_page.h"

namespace parta::testing {

SyncedStore::SyncedStore() { EXPECT_TRUE(store::migrate(database)); }

void SyncedStore::apply(const nlohmann::json& page) {
    const sync::SyncPageParse parsed = sync::parseSyncPage(page.dump());
    ASSERT_TRUE(parsed.ok()) << parsed.error->describe();
    ASSERT_TRUE(sync::applySyncPage(database, store, parsed.page, std::nullopt)) << database.failure();
}

std::string SyncedStore::dump() { return storeDump(database); }

}  // namespace parta::testing
