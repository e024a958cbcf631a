#pragma once

#include <optional>
#include <string_view>

#include "auth/session_cookie.h"
#include "client/json_text.h"
#include "http/http_message.h"
#include "policy/decision.h"
#include "store/server_store.h"

namespace parta::server {

// The answers the message and change endpoints share (docs/protocol.md): one spelling of each
// refusal, with the client's own codes (core/client/client_error.h) where it has one.

// 200 {"events": [...]}: what a change caused, as the reader's sync would show it.
Response changeAnswer(const Account& account, const ChangeOutcome& outcome);

// `json` with `Cache-Control: no-store`: who is who in the school, or a link's code, is
// nothing a cache should keep.
Response noStoreJson(int status, const JsonText& json);

// 429 RATE_LIMITED with Retry-After: too many attempts (sign-in, joining, deleting an account).
Response rateLimited();
// 204 with an expired session cookie: the caller's session has ended.
Response signedOut(const CookieSecurity& cookies);

// 400 BAD_REQUEST, `detail` naming the field at fault.
Response badRequest(std::string_view detail);
// 403 with the policy's reason code and sentence.
Response policyRefusal(const policy::Decision& decision);
// 404 UNKNOWN_USER: no such live person in the account's school; another school's answers the same.
Response unknownUser();
// 404 UNKNOWN_CLASS: the school has no class of that name.
Response unknownClass();
// 404: no such chat in the account's school; another school's chat answers the same.
Response unknownChat();
// 404: no such message in that chat of the account's school; any other id answers the same.
Response unknownMessage();
// 403 NOT_OWN_MESSAGE: edits are of one's own messages only.
Response notOwnMessage();
// 409 MESSAGE_DELETED: deletion is final, nothing changes the message after it.
Response messageDeleted();
// 400 BAD_POLL_CHOICE: options not of the poll, repeated, several in a single-choice poll, or no poll.
Response badPollChoice(std::string_view detail);

// The refusal of a message or edit text by core's rule (text/message_text.h), or nullopt.
std::optional<Response> textRefusal(std::string_view text);

}  // namespace parta::server
