#pragma once

#include "store/database.h"

namespace parta::store {

// BEGIN IMMEDIATE on construction; rolls back on destruction unless committed. A page of
// sync events, the cursor that follows it and the retention pass share one of these, so a
// crash leaves either all of them or none.
class Transaction {
public:
    explicit Transaction(Database& database, Durability durability = Durability::Normal);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    // False, and rolled back, when any statement failed since the transaction began.
    bool commit();

private:
    void end(const char* sql);

    Database& database_;
    bool open_ = false;
};

}  // namespace parta::store
