#pragma once

#include <vector>

#include "store/migration_scripts.h"

namespace parta::server {

using store::MigrationScript;

// The numbered files of server/store/migrations, embedded at build time as core's are
// (cmake/embed_migrations.cmake), so the binary needs no schema files beside it.
const std::vector<MigrationScript>& migrationScripts();

}  // namespace parta::server
