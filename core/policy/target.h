#pragma once

#include <optional>
#include <string>

#include "policy/chat_kind.h"
#include "policy/chat_role.h"
#include "policy/school_role.h"
#include "policy/subject.h"

namespace parta::policy {

// Another member of the chat, as mute_member and remove_member see them.
struct ChatMember {
    Subject person;
    ChatRole chatRole = ChatRole::Member;

    bool operator==(const ChatMember& other) const {
        return person == other.person && chatRole == other.chatRole;
    }
};

// What the action is about. Without `chat` the target is the school itself, or one class
// when `classId` is set (school-wide actions, invites to the school or a class).
struct Target {
    std::optional<ChatKind> chat;       // the chat acted in, created, or invited to
    std::string classId;                // the chat's class, or the class acted on
    std::optional<ChatRole> chatRole;   // the subject's role in `chat`; empty: not a member
    std::optional<ChatMember> member;   // mute_member, remove_member: whom
    std::optional<SchoolRole> grantedRole;  // create_invite, approve_join_request
    std::optional<Subject> counterpart;     // create_chat of a direct chat: with whom
    bool ownInvite = false;                 // revoke_invite: own (true) or any (false)

    bool operator==(const Target& other) const {
        return chat == other.chat && classId == other.classId && chatRole == other.chatRole &&
               member == other.member && grantedRole == other.grantedRole &&
               counterpart == other.counterpart && ownInvite == other.ownInvite;
    }
};

}  // namespace parta::policy
