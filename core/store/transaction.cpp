#include "store/transaction.h"

namespace parta::store {

Transaction::Transaction(Database& database) : database_(database) {
    database_.clearFailure();
    open_ = database_.execute("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (open_) database_.execute("ROLLBACK");
}

bool Transaction::commit() {
    if (!open_) return false;
    if (database_.failed()) {
        open_ = false;
        database_.execute("ROLLBACK");
        return false;
    }
    open_ = false;
    if (database_.execute("COMMIT")) return true;
    database_.execute("ROLLBACK");
    return false;
}

}  // namespace parta::store
