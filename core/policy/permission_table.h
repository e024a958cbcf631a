#pragma once

// The policy as data. Each row says who may do what, where, under which relation, and which
// regulation clause says so (files in ../shared/regulations/). decide() only evaluates these
// tables; docs/permissions.md is rendered from them.
#include <cstdint>
#include <string_view>
#include <vector>

#include "policy/action.h"
#include "policy/chat_kind.h"
#include "policy/reason.h"
#include "policy/school_role.h"
#include "policy/subject.h"
#include "policy/target.h"

namespace parta::policy {

// Who a row speaks about: a school role or a group of them. A person with several roles may
// do what any of their roles allows.
enum class Who { Admin, Director, Teacher, Student, Parent, Staff, Everyone };

bool covers(Who who, const Subject& subject);
std::string_view nameOf(Who who);

// Where an action happens: the school as a whole, one class, or a chat of some kind.
enum class Place {
    School,
    Class,
    SchoolChannel,
    StaffChannel,
    TeachersRoom,
    ClassChat,
    ParentsChat,
    ClassTeachersChat,
    SubjectChat,
    ManagementChat,
    Direct,
};

Place placeOf(ChatKind kind);
// A target without a chat is the school, or one class when it names the class.
Place placeOf(const Target& target);
std::string_view nameOf(Place place);

using PlaceSet = std::uint32_t;
using ActionSet = std::uint32_t;
using Requirements = std::uint32_t;

constexpr PlaceSet placeBit(Place place) { return PlaceSet{1} << static_cast<unsigned>(place); }
constexpr ActionSet actionBit(Action action) { return ActionSet{1} << static_cast<unsigned>(action); }

namespace where {
inline constexpr PlaceSet School = placeBit(Place::School);
inline constexpr PlaceSet Class = placeBit(Place::Class);
inline constexpr PlaceSet SchoolChannel = placeBit(Place::SchoolChannel);
inline constexpr PlaceSet StaffChannel = placeBit(Place::StaffChannel);
inline constexpr PlaceSet TeachersRoom = placeBit(Place::TeachersRoom);
inline constexpr PlaceSet ClassChat = placeBit(Place::ClassChat);
inline constexpr PlaceSet ParentsChat = placeBit(Place::ParentsChat);
inline constexpr PlaceSet ClassTeachersChat = placeBit(Place::ClassTeachersChat);
inline constexpr PlaceSet SubjectChat = placeBit(Place::SubjectChat);
inline constexpr PlaceSet ManagementChat = placeBit(Place::ManagementChat);
inline constexpr PlaceSet Direct = placeBit(Place::Direct);

inline constexpr PlaceSet Channels = SchoolChannel | StaffChannel;
inline constexpr PlaceSet ClassBound = ClassChat | ParentsChat | ClassTeachersChat | SubjectChat;
inline constexpr PlaceSet AnyChat = Channels | TeachersRoom | ClassBound | ManagementChat | Direct;
inline constexpr PlaceSet GroupChats = AnyChat & ~Direct;
inline constexpr PlaceSet ChatsNotChannels = AnyChat & ~Channels;
inline constexpr PlaceSet Anywhere = School | Class | AnyChat;
}  // namespace where

namespace acts {
inline constexpr ActionSet Read = actionBit(Action::Read);
// Writing one's own messages; edit/delete own follow posting, so a read-only member does neither.
inline constexpr ActionSet Write = actionBit(Action::Post) | actionBit(Action::PostPoll) |
                                   actionBit(Action::AttachFile) | actionBit(Action::EditOwn) |
                                   actionBit(Action::DeleteOwn);
inline constexpr ActionSet Moderate = actionBit(Action::DeleteAny) | actionBit(Action::Pin);
inline constexpr ActionSet MuteOrRemove = actionBit(Action::MuteMember) | actionBit(Action::RemoveMember);
inline constexpr ActionSet CreateChat = actionBit(Action::CreateChat);
inline constexpr ActionSet RevokeInvite = actionBit(Action::RevokeInvite);
inline constexpr ActionSet VerifyTeacher = actionBit(Action::VerifyTeacher);
inline constexpr ActionSet AssignClassTeacher = actionBit(Action::AssignClassTeacher);
inline constexpr ActionSet AppointAdmin = actionBit(Action::AppointAdmin);
inline constexpr ActionSet CreateClass = actionBit(Action::CreateClass);
inline constexpr ActionSet ViewActivityStats = actionBit(Action::ViewActivityStats);
inline constexpr ActionSet Broadcast = actionBit(Action::Broadcast);
inline constexpr ActionSet EndSessions = actionBit(Action::EndSessions);
inline constexpr ActionSet ViewAuditLog = actionBit(Action::ViewAuditLog);
inline constexpr ActionSet MoveStudent = actionBit(Action::MoveStudent);
inline constexpr ActionSet ManageRoster = actionBit(Action::ManageRoster);
inline constexpr ActionSet ViewPeople = actionBit(Action::ViewPeople);
}  // namespace acts

// Relations a row demands. They are checked in the order of kRequirementChecks, and the
// first one that fails names the reason of the deny.
namespace need {
inline constexpr Requirements Always = 0;
inline constexpr Requirements Member = 1u << 0;               // the subject is in the chat
inline constexpr Requirements CanWrite = 1u << 1;             // ...and not read-only there
inline constexpr Requirements Verified = 1u << 2;             // verified teacher status
inline constexpr Requirements ClassTeacherOfClass = 1u << 3;  // curates the target's class
inline constexpr Requirements TeachesClass = 1u << 4;         // teaches the target's class
inline constexpr Requirements ChatModerator = 1u << 5;        // owner or moderator of the chat
inline constexpr Requirements Outranks = 1u << 6;             // stands above the other member
inline constexpr Requirements CounterpartStaff = 1u << 7;     // direct chat with staff
inline constexpr Requirements CounterpartStaffOrOwnChild = 1u << 8;
inline constexpr Requirements OwnInvite = 1u << 9;  // revoking a link one minted oneself
}  // namespace need

// A qualification is about the subject (member, verified, class teacher...); the other
// requirements are about whom or what they act on. When several rows about the subject's
// roles fail, a row that qualified them and failed only on the other party names the reason
// (an admin facing the director hears RANK_TOO_LOW, not NOT_CHAT_MODERATOR); otherwise the
// first such row does.
enum class RequirementKind { Qualification, OtherParty };

struct RequirementCheck {
    Requirements requirement;
    RequirementKind kind;
    Reason reasonWhenMissing;
    std::string_view description;  // for docs/permissions.md
};

const std::vector<RequirementCheck>& requirementChecks();

struct PermissionRule {
    Who who;
    ActionSet actions;
    PlaceSet places;
    Requirements requirements;
    std::string_view why;
};

// Everything except create_invite and approve_join_request, which follow grantRules().
const std::vector<PermissionRule>& permissionRules();

// Invite links and join requests admit a person with one school role to one destination.
struct GrantRule {
    Who who;
    SchoolRole granted;
    PlaceSet places;
    Requirements requirements;
    std::string_view why;
};

const std::vector<GrantRule>& grantRules();

// Roles that come only by appointment, never by link or join request.
struct AppointedRole {
    SchoolRole role;
    std::string_view why;
};

const std::vector<AppointedRole>& appointedRoles();

// Who may be a member of which chats, whatever a link or an owner says.
enum class Membership { Never, OwnClassOnly };

struct MembershipRule {
    SchoolRole role;
    PlaceSet places;
    Membership membership;
    std::string_view why;
};

const std::vector<MembershipRule>& membershipRules();

// The reason given when no row speaks about any of the subject's roles.
struct FallbackRule {
    ActionSet actions;
    PlaceSet places;
    Reason reason;
    std::string_view why;
};

const std::vector<FallbackRule>& fallbackRules();

// Standing in a chat, as Matrix power levels: a person's standing is the highest level any of
// their sources gives, and mute or remove needs strictly more than the other member has.
enum class StandingSource { Director, Admin, ChatOwner, ClassTeacherOfChat, Staff, ChatModerator, ChatMember };

struct StandingLevel {
    StandingSource source;
    int level;
    std::string_view description;
    std::string_view why;
};

const std::vector<StandingLevel>& standingLevels();

}  // namespace parta::policy
