#include "store/transaction.h"

namespace parta::store {

Transaction::Transaction(Database& database, Durability durability) : database_(database) {
    database_.clearFailure();
    database_.setDurability(durability);
    open_ = database_.execute("BEGIN IMMEDIATE");
    database_.setTransactionOpen(open_);
}

Transaction::~Transaction() {
    if (open_) end("ROLLBACK");
}

bool Transaction::commit() {
    if (!open_) return false;
    if (database_.failed()) {
        end("ROLLBACK");
        return false;
    }
    end("COMMIT");
    if (!database_.failed()) return true;
    database_.execute("ROLLBACK");
    return false;
}

void Transaction::end(const char* sql) {
    open_ = false;
    database_.setTransactionOpen(false);
    database_.execute(sql);
    database_.setDurability(Durability::Normal);
}

}  // namespace parta::store
