#pragma once

#include <memory>

#include "api/api_context.h"
#include "auth/session_authenticator.h"
#include "http/http_message.h"
#include "store/server_store.h"

namespace parta::server {

// Each endpoint reads the request, asks core (the policy's decide, core's limits), writes
// through the store in one transaction, and answers. None of them holds a rule of its own.

// POST /api/v1/session {"login", "password"}: sets the session cookie.
Response signIn(ApiContext& context, const Request& request);
// A new session of the person; answers the Set-Cookie value that carries it (sign-in, and an
// account created by accepting an invite).
std::string startSession(ApiContext& context, std::int64_t userId);
// DELETE /api/v1/session: ends the session the cookie names.
Response signOut(ApiContext& context, const std::string& tokenHash);
// GET /api/v1/sessions: the caller's unexpired sessions, the current one marked.
Response listSessions(ApiContext& context, const Account& account, const std::string& tokenHash);
// DELETE /api/v1/sessions: signs the caller out everywhere, this device included.
Response endAllSessions(ApiContext& context, const Account& account);
// DELETE /api/v1/users/{id}/sessions: an admin signs a person of the school out everywhere.
Response endSessionsOf(ApiContext& context, const Account& account, std::int64_t userId);
// DELETE /api/v1/account {"password"}: deletes the caller's account (001 §4.1.2).
Response deleteAccount(ApiContext& context, const Account& account, const Request& request);
// GET /api/v1/audit?before=ID&limit=N: the school's audit log, newest first, for its admins.
Response auditLog(ApiContext& context, const Account& account, const Request& request);
// GET /api/v1/stats/activity?weeks=N&utcOffsetMinutes=M: the regulations' activity figures
// (003 §2.1–2.2) for the admin and the director, with the targets they are measured against.
Response activityStatistics(ApiContext& context, const Account& account, const Request& request);
// Administration (docs/protocol.md, "Administration"); online actions, each audited.
// GET /api/v1/classes: the school's classes with their teachers (view_people).
Response listClasses(ApiContext& context, const Account& account);
// POST /api/v1/classes {"classId"}: a new class (create_class).
Response createClass(ApiContext& context, const Account& account, const Request& request);
// GET /api/v1/people: the school's live accounts with their roles and classes (view_people).
Response listPeople(ApiContext& context, const Account& account);
// POST /api/v1/users/{id}/verify: confirms a teacher's «учитель» status (verify_teacher).
Response verifyTeacher(ApiContext& context, const Account& account, std::int64_t userId);
// POST /api/v1/users/{id}/assignments {"classId", "assignment", "assigned"}: attaches a teacher
// to a class as its class teacher or a subject teacher, or detaches them (assign_class_teacher).
Response setAssignment(ApiContext& context, const Account& account, std::int64_t userId, const Request& request);
// POST /api/v1/users/{id}/admin {"admin"}: appoints an extra admin, or dismisses one (appoint_admin).
Response setAdmin(ApiContext& context, const Account& account, std::int64_t userId, const Request& request);
// POST /api/v1/users/{id}/class {"classId"}: moves a student to another class (move_student).
Response moveStudent(ApiContext& context, const Account& account, std::int64_t userId, const Request& request);
// GET /api/v1/roster?classId=: the class's roster (manage_roster).
Response listRoster(ApiContext& context, const Account& account, const Request& request);
// POST /api/v1/roster {"classId", "kind", "name"}: a new entry.
Response addRosterEntry(ApiContext& context, const Account& account, const Request& request);
// POST /api/v1/roster/{id}/account {"userId" | null}: matches the entry to an account, or unmatches it.
Response linkRosterEntry(ApiContext& context, const Account& account, std::int64_t entryId, const Request& request);
// DELETE /api/v1/roster/{id}
Response removeRosterEntry(ApiContext& context, const Account& account, std::int64_t entryId);
// GET /api/v1/roster/export[?classId=]: the rosters as CSV, for the quarterly reconciliation.
Response exportRoster(ApiContext& context, const Account& account, const Request& request);

// POST /api/v1/chats {"kind", "title", "classId"?, "counterpartId"?}: a chat of any kind, with the
// members its kind starts with (core/policy/chat_audience.h).
Response createChat(ApiContext& context, const Account& account, const Request& request);
// POST /api/v1/messages/{id}/pin {"chatId", "pinned"}: moderation (policy pin).
Response pinMessage(ApiContext& context, const Account& account, std::int64_t messageId, const Request& request);
// POST /api/v1/chats/{chatId}/members/{userId}/mute {"muted"}: read-only in the chat, or not.
Response muteMember(ApiContext& context, const Account& account, std::int64_t chatId, std::int64_t userId,
                    const Request& request);
// DELETE /api/v1/chats/{chatId}/members/{userId}: removes the member from the chat.
Response removeMember(ApiContext& context, const Account& account, std::int64_t chatId, std::int64_t userId);
// GET /api/v1/sync?since=CURSOR&limit=N: a page now, or when there is one (long-poll).
void sync(ApiContext& context, const Account& account, const Request& request, const std::shared_ptr<Exchange>& exchange);
// POST /api/v1/messages: idempotent by (sender, clientId); with an optional poll, and the
// sender's unsent uploads to the chat as its attachments.
Response postMessage(ApiContext& context, const Account& account, const Request& request);

// Attachments (docs/protocol.md, "Attachments").
// POST /api/v1/attachments?chatId=N&name=…, the file as the body: attach_file in that chat, a
// type read from the content; answers the attachment a message may then carry.
Response uploadAttachment(ApiContext& context, const Account& account, const Request& request);
// GET /api/v1/attachments/{id}: the file, to whoever may read its chat once a message carries
// it (before that, to its uploader alone), as a download the browser never runs.
Response downloadAttachment(ApiContext& context, const Account& account, std::int64_t attachmentId);

// The changes from a client's outbox (docs/protocol.md, "changes to what the server has"),
// each idempotent by (user, clientId) and answered {"events": [...]}.
// POST /api/v1/messages/{id}/edit {"clientId", "chatId", "text"}: one's own message, edit_own.
Response editMessage(ApiContext& context, const Account& account, std::int64_t messageId, const Request& request);
// POST /api/v1/messages/{id}/delete {"clientId", "chatId"}: delete_own, or delete_any for another's.
Response deleteMessage(ApiContext& context, const Account& account, std::int64_t messageId, const Request& request);
// POST /api/v1/messages/{id}/votes {"clientId", "chatId", "optionIds"}: what reading the chat needs.
Response votePoll(ApiContext& context, const Account& account, std::int64_t messageId, const Request& request);
// POST /api/v1/chats/{chatId}/read {"clientId", "lastReadId"}: forward only, the reader's own.
Response markRead(ApiContext& context, const Account& account, std::int64_t chatId, const Request& request);

// Invites and joining (docs/protocol.md, "Invites and joining"); online actions, no outbox.
// POST /api/v1/invites: a new link (create_invite); the only answer that carries its code.
Response createInvite(ApiContext& context, const Account& account, const Request& request);
// GET /api/v1/invites[?classId=]: the links the caller may revoke, with their state.
Response listInvites(ApiContext& context, const Account& account, const Request& request);
// GET /api/v1/invites/preview?code=: what a link admits to; no session needed.
Response previewInvite(ApiContext& context, const Request& request);
// POST /api/v1/invites/accept {code, account?, childName?}: joins, or files a join request;
// without a session, creates the account and signs it in.
Response acceptInvite(ApiContext& context, const Authentication& authentication, const Request& request);
// POST /api/v1/invites/{id}/revoke (revoke_invite).
Response revokeInvite(ApiContext& context, const Account& account, std::int64_t inviteId);
// POST /api/v1/invites/revoke-unused {classId}: every unused active link of the class the
// caller may revoke (001 §3.3.9).
Response revokeUnusedInvites(ApiContext& context, const Account& account, const Request& request);
// GET /api/v1/join-requests: the pending requests the caller may decide.
Response listJoinRequests(ApiContext& context, const Account& account);
// POST /api/v1/join-requests/{id}/approve {childId?} and …/decline (approve_join_request).
Response decideJoinRequest(ApiContext& context, const Account& account, std::int64_t requestId, bool approve,
                           const Request& request);

}  // namespace parta::server
