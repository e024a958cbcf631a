#pragma once

#include <optional>
#include <string>
#include <vector>

#include "policy/action.h"
#include "policy/chat_kind.h"
#include "policy/chat_role.h"
#include "policy/decision.h"
#include "policy/subject.h"
#include "policy/target.h"

namespace parta::policy {

// The one policy check, shared by the client (through wasm) and the server: pure, total, and
// driven by the tables in permission_table.h. Every deny carries a reason.
Decision decide(const Subject& subject, Action action, const Target& target);

// The actions decide() allows for this subject and target, in kAllActions order, so the UI
// enables exactly those controls and repeats no rule.
std::vector<Action> allowedActions(const Subject& subject, const Target& target);

// Whether some rule lets people read chats of `kind` without being members: the school's
// channels, which everyone (or all staff) read without joining (000 §2.1 «системные каналы»).
// Sync delivers such a chat to everyone decide() lets read it, member or not.
bool readableWithoutMembership(ChatKind kind);

// A person's standing in a chat of class `classId` (standingLevels()).
int standingOf(const Subject& person, std::optional<ChatRole> chatRole, const std::string& classId);

}  // namespace parta::policy
