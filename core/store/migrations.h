#pragma once

#include "store/database.h"

namespace parta::store {

int latestSchemaVersion();

// Brings the schema to `targetVersion` (the latest by default), each step in its own
// transaction together with its PRAGMA user_version, so an interrupted upgrade resumes at
// the step it lost. False when a step fails or the file is newer than this build knows.
bool migrate(Database& database, int targetVersion = latestSchemaVersion());

}  // namespace parta::store
