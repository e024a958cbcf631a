#pragma once

#include <string_view>
#include <vector>

namespace parta::store {

// One numbered file of core/store/migrations, embedded at build time.
struct MigrationScript {
    int version;
    std::string_view name;
    std::string_view sql;
};

// In version order, 1, 2, 3, ... (the build checks there is no gap).
const std::vector<MigrationScript>& migrationScripts();

}  // namespace parta::store
