#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "store/database.h"
#include "store/message_store.h"
#include "sync/sync_page.h"

namespace parta::sync {

// Writes validated events in the caller's transaction, stopping at the first storage failure
// (database.failed()). The caller runs MessageStore::finishTransaction() before commit.
void writeEvents(store::Database& database, store::MessageStore& store, const std::vector<SyncEvent>& events);

// Applies a validated page: every event, the retention pass and the new cursor in one
// transaction, so the cursor advances only when the data it stands for is committed.
// False when storage failed; then nothing of the page is kept.
bool applySyncPage(store::Database& database, store::MessageStore& store, const SyncPage& page,
                   std::optional<std::int64_t> maxMessageBodies);

}  // namespace parta::sync
