#pragma once

#include "store/database.h"
#include "store/transaction.h"

namespace parta::server {

// Commits, or throws StoreFailure with SQLite's reason after the rollback, leaving the
// connection ready for the next request: SqliteServerStore's every write ends here.
void commitOrThrow(store::Database& database, store::Transaction& transaction);

}  // namespace parta::server
