#include "store/migrations.h"

#include "store/migration_scripts.h"
#include "store/transaction.h"

namespace parta::store {

int latestSchemaVersion() { return migrationScripts().back().version; }

bool migrate(Database& database, int targetVersion) {
    const int current = database.userVersion();
    if (current > latestSchemaVersion() || targetVersion > latestSchemaVersion()) return false;
    for (const MigrationScript& script : migrationScripts()) {
        if (script.version <= current || script.version > targetVersion) continue;
        Transaction transaction(database);
        database.execute(script.sql);
        database.setUserVersion(script.version);
        if (!transaction.commit()) return false;
    }
    return true;
}

}  // namespace parta::store
