#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "auth/password_hasher.h"
#include "store/server_store.h"

namespace parta::server {

// What seedDemoSchool did. When the database already held a school, nothing: seeded is false
// and the maps are empty.
struct DemoSchoolSeeding {
    bool seeded = false;
    std::int64_t schoolId = 0;
    std::map<std::string, std::int64_t> userIds;  // by login
    std::map<std::string, std::int64_t> chatIds;  // by title
    int messages = 0;  // polls included
    int polls = 0;
    int votes = 0;
};

// Fills a database that holds no school with «СОШ № 15 (демо)» (demo/demo_school_content.h):
// fictional people with fixed logins and passwords, every chat kind the policy knows, and a
// few hundred messages over the two weeks before `nowMs`, a few of them polls with votes. The
// same rows every time: the order of the calls, the ids and the texts are fixed, and only the
// times move with `nowMs`.
//
// Every chat's creation, every membership, message and vote is put to policy::decide first,
// with the subject the store will answer for that person; one the policy refuses throws
// std::logic_error naming the row and the reason, so the demo never shows what the policy
// forbids. A database that holds any school is left untouched.
DemoSchoolSeeding seedDemoSchool(ServerStore& store, const PasswordHasher& passwords, std::int64_t nowMs);

}  // namespace parta::server
