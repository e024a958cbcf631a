#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "store/database.h"
#include "store/message_store.h"

namespace parta::testing {

// A migrated in-memory store that sync pages are applied to directly, below the Client.
class SyncedStore {
public:
    SyncedStore();

    // Parses and applies the page in its one transaction; a failure of either fails the test.
    void apply(const nlohmann::json& page);
    // storeDump(): every row of every table.
    std::string dump();

    store::Database database{":memory:"};
    store::MessageStore store{database};
};

}  // namespace parta::testing
