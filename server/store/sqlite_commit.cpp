#include "store/sqlite_commit.h"

#include <string>

#include "store/store_failure.h"

namespace parta::server {

void commitOrThrow(store::Database& database, store::Transaction& transaction) {
    if (transaction.commit()) return;
    const std::string failure = database.failed() ? database.failure() : "the transaction did not commit";
    database.finishStatements();
    database.clearFailure();
    throw StoreFailure(failure);
}

}  // namespace parta::server
