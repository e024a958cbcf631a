#pragma once

#include "client/json_text.h"
#include "store/server_store.h"

namespace parta::server {

// How administration answers show the school's people, classes and roster entries
// (docs/protocol.md, "Administration"), one spelling for every endpoint that returns them.

// {"id", "name", "role", "roles", "verified", "studentOf"?, "classTeacherOf", "teaches", "childIds"}
void writeSchoolPerson(JsonText& json, const SchoolPerson& person);
// {"id", "classTeachers": [{"id", "name"}], "subjectTeachers": [...], "students"}
void writeSchoolClass(JsonText& json, const SchoolClass& schoolClass);
// {"id", "classId", "kind", "name", "account": {"id", "name"} | null, "activated", "createdAt"}
void writeRosterEntry(JsonText& json, const RosterEntry& entry);

}  // namespace parta::server
