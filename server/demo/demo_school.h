#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "attachments/attachment_files.h"
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
    int invites = 0;
    int joinRequests = 0;
    int rosterEntries = 0;
    int attachments = 0;
};

// One of the demo's invite links as the database holds it, with its code: the database keeps
// only the code's hash, and the demo's codes are derived from a fixed seed, so they can be
// named again on any later start.
struct DemoInviteLink {
    std::string label;
    std::string code;     // canonical, as in /join/<code>
    std::string display;  // ABCD-EFGH-…, as on a paper slip
    InviteState state = InviteState::Active;
};

// Fills a database that holds no school with «СОШ № 15 (демо)» (demo/demo_school_content.h):
// fictional people with fixed logins and passwords, every chat kind the policy knows, and a
// few hundred messages over the two weeks before `nowMs`, a few of them polls with votes and one
// with a file, kept in `files` as the upload endpoint keeps one; then
// its invite links (demoInvites()), made at `nowMs` with the create endpoint's defaults, and a
// parent's pending join request, filed through ServerStore::admit as the accept endpoint files
// one; then the rosters of 5А and 5Б, half of them matched to the accounts that joined. The same rows every time: the order of the calls, the ids, the texts and the invite
// codes are fixed, and only the times move with `nowMs`.
//
// Every chat's creation, every membership, message, vote and invite link is put to
// policy::decide first, with the subject the store will answer for that person; one the
// policy refuses throws std::logic_error naming the row and the reason, so the demo never
// shows what the policy forbids. A database that holds any school is left untouched.
DemoSchoolSeeding seedDemoSchool(ServerStore& store, AttachmentFiles& files, const PasswordHasher& passwords,
                                 std::int64_t nowMs);

// The demo's links that the store holds, in demoInvites()' order, with their state at `nowMs`:
// none when it holds another school. The demo's codes are public (anyone can derive them), like
// its passwords; a real school's codes come from the CSPRNG and are never derivable.
std::vector<DemoInviteLink> demoInviteLinks(ServerStore& store, std::int64_t nowMs);

}  // namespace parta::server
