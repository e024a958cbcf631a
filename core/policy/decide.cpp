#include "policy/decide.h"

#include <algorithm>

#include "policy/permission_table.h"

namespace parta::policy {
namespace {

Decision allow(std::string_view why) { return {true, Reason::Allowed, why}; }
Decision deny(Reason reason, std::string_view why = {}) { return {false, reason, why}; }

bool needsChat(Action action) { return isInChatAction(action) || action == Action::CreateChat; }

bool hasPlace(PlaceSet places, Place place) { return (places & placeBit(place)) != 0; }

// The parts of the target an action cannot be judged without.
bool isIncomplete(Action action, const Target& target) {
    if (needsChat(action) && !target.chat) return true;
    if (target.chat && isClassBound(*target.chat) && target.classId.empty() &&
        (needsChat(action) || isGrantAction(action))) {
        return true;
    }
    if ((action == Action::MuteMember || action == Action::RemoveMember) && !target.member) return true;
    if (action == Action::CreateChat && target.chat == ChatKind::Direct && !target.counterpart) return true;
    return isGrantAction(action) && !target.grantedRole;
}

bool belongsToClass(const Subject& subject, SchoolRole role, const std::string& classId) {
    if (role == SchoolRole::Student) return subject.has(SchoolRole::Student) && subject.studentOf == classId;
    if (role == SchoolRole::Parent) return subject.hasChildIn(classId);
    return false;
}

const MembershipRule* membershipRuleFor(SchoolRole role, Place place) {
    for (const MembershipRule& rule : membershipRules()) {
        if (rule.role == role && hasPlace(rule.places, place)) return &rule;
    }
    return nullptr;
}

// Acting inside a chat needs one of the subject's roles to be allowed in it at all.
std::optional<Decision> membershipDenial(const Subject& subject, Place place, const std::string& classId) {
    const MembershipRule* otherClass = nullptr;
    const MembershipRule* never = nullptr;
    for (const SchoolRole role : subject.roles) {
        const MembershipRule* rule = membershipRuleFor(role, place);
        if (!rule) return std::nullopt;
        if (rule->membership == Membership::Never) {
            never = rule;
        } else if (belongsToClass(subject, role, classId)) {
            return std::nullopt;
        } else {
            otherClass = rule;
        }
    }
    if (otherClass) return deny(Reason::NotYourClass, otherClass->why);
    if (never) return deny(Reason::RoleConflict, never->why);
    return std::nullopt;
}

bool isChatModerator(const Target& target) {
    return target.chatRole == ChatRole::Owner || target.chatRole == ChatRole::Moderator;
}

bool meets(Requirements requirement, const Subject& subject, const Target& target) {
    switch (requirement) {
        case need::Member: return target.chatRole.has_value();
        case need::CanWrite: return target.chatRole.has_value() && target.chatRole != ChatRole::ReadOnly;
        case need::Verified: return subject.verified;
        case need::ClassTeacherOfClass: return subject.isClassTeacherOf(target.classId);
        case need::TeachesClass: return subject.teachesClass(target.classId);
        case need::ChatModerator: return isChatModerator(target);
        case need::Outranks:
            return target.member && standingOf(subject, target.chatRole, target.classId) >
                                        standingOf(target.member->person, target.member->chatRole, target.classId);
        case need::CounterpartStaff: return target.counterpart && target.counterpart->isStaff();
        case need::CounterpartStaffOrOwnChild:
            return target.counterpart &&
                   (target.counterpart->isStaff() || subject.isParentOf(target.counterpart->userId));
        case need::OwnInvite: return target.ownInvite;
        default: return false;
    }
}

const RequirementCheck* firstUnmet(Requirements requirements, const Subject& subject, const Target& target) {
    for (const RequirementCheck& check : requirementChecks()) {
        if ((requirements & check.requirement) != 0 && !meets(check.requirement, subject, target)) return &check;
    }
    return nullptr;
}

// Collects the rows about the subject's roles that failed and picks the reason to report
// (RequirementKind explains the choice).
class Denials {
public:
    void add(const RequirementCheck& unmet, std::string_view why) {
        const Decision denial = deny(unmet.reasonWhenMissing, why);
        if (!first_) first_ = denial;
        if (!qualified_ && unmet.kind == RequirementKind::OtherParty) qualified_ = denial;
    }

    std::optional<Decision> chosen() const { return qualified_ ? qualified_ : first_; }

private:
    std::optional<Decision> first_;
    std::optional<Decision> qualified_;
};

Decision fallback(Action action, Place place) {
    for (const FallbackRule& rule : fallbackRules()) {
        if ((rule.actions & actionBit(action)) != 0 && hasPlace(rule.places, place)) {
            return deny(rule.reason, rule.why);
        }
    }
    return deny(Reason::RoleNotAllowed);
}

// The first row about one of the subject's roles whose requirements are met allows.
Decision evaluatePermissionRules(const Subject& subject, Action action, Place place, const Target& target) {
    Denials denials;
    for (const PermissionRule& rule : permissionRules()) {
        if ((rule.actions & actionBit(action)) == 0 || !hasPlace(rule.places, place) ||
            !covers(rule.who, subject)) {
            continue;
        }
        const RequirementCheck* unmet = firstUnmet(rule.requirements, subject, target);
        if (!unmet) return allow(rule.why);
        denials.add(*unmet, rule.why);
    }
    if (const std::optional<Decision> denial = denials.chosen()) return *denial;
    return fallback(action, place);
}

// An invite link and an approved join request both admit someone with one role, so both are
// judged by the grant table: nobody can let in a role they may not grant.
Decision evaluateGrantRules(const Subject& subject, Place place, const Target& target) {
    const SchoolRole granted = *target.grantedRole;
    const auto& rules = grantRules();
    if (std::none_of(rules.begin(), rules.end(), [&](const GrantRule& rule) { return covers(rule.who, subject); })) {
        return deny(Reason::RoleNotAllowed);
    }
    for (const AppointedRole& appointed : appointedRoles()) {
        if (appointed.role == granted) return deny(Reason::AppointmentOnly, appointed.why);
    }
    const MembershipRule* membership = membershipRuleFor(granted, place);
    if (membership && membership->membership == Membership::Never) {
        return deny(Reason::RoleConflict, membership->why);
    }
    Denials denials;
    for (const GrantRule& rule : rules) {
        if (rule.granted != granted || !hasPlace(rule.places, place) || !covers(rule.who, subject)) continue;
        const RequirementCheck* unmet = firstUnmet(rule.requirements, subject, target);
        if (!unmet) return allow(rule.why);
        denials.add(*unmet, rule.why);
    }
    if (const std::optional<Decision> denial = denials.chosen()) return *denial;
    return deny(Reason::RoleNotGrantable);
}

bool standingApplies(StandingSource source, const Subject& person, std::optional<ChatRole> chatRole,
                     const std::string& classId) {
    switch (source) {
        case StandingSource::Director: return person.has(SchoolRole::Director);
        case StandingSource::Admin: return person.has(SchoolRole::Admin);
        case StandingSource::ChatOwner: return chatRole == ChatRole::Owner;
        case StandingSource::ClassTeacherOfChat: return person.isClassTeacherOf(classId);
        case StandingSource::Staff: return person.isStaff();
        case StandingSource::ChatModerator: return chatRole == ChatRole::Moderator;
        case StandingSource::ChatMember: return chatRole == ChatRole::Member;
    }
    return false;
}

}  // namespace

int standingOf(const Subject& person, std::optional<ChatRole> chatRole, const std::string& classId) {
    int standing = 0;
    for (const StandingLevel& level : standingLevels()) {
        if (standingApplies(level.source, person, chatRole, classId)) standing = std::max(standing, level.level);
    }
    return standing;
}

Decision decide(const Subject& subject, Action action, const Target& target) {
    if (isIncomplete(action, target)) return deny(Reason::IncompleteTarget);
    const Place place = placeOf(target);
    if (isGrantAction(action)) return evaluateGrantRules(subject, place, target);
    if (isInChatAction(action)) {
        if (auto denial = membershipDenial(subject, place, target.classId)) return *denial;
    }
    return evaluatePermissionRules(subject, action, place, target);
}

bool readableWithoutMembership(ChatKind kind) {
    for (const PermissionRule& rule : permissionRules()) {
        if ((rule.actions & acts::Read) != 0 && hasPlace(rule.places, placeOf(kind)) &&
            (rule.requirements & (need::Member | need::CanWrite)) == 0) {
            return true;
        }
    }
    return false;
}

std::vector<Action> allowedActions(const Subject& subject, const Target& target) {
    std::vector<Action> allowed;
    for (const Action action : kAllActions) {
        if (decide(subject, action, target).allowed) allowed.push_back(action);
    }
    return allowed;
}

}  // namespace parta::policy
