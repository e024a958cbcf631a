#include "policy_cell_generator.h"

#include <optional>

#include "policy/chat_kind.h"
#include "policy/chat_role.h"

namespace parta::policy::cells {
namespace {

Subject person(std::string userId, std::vector<SchoolRole> roles) {
    Subject subject;
    subject.userId = std::move(userId);
    subject.roles = std::move(roles);
    return subject;
}

Subject teacher(std::string userId, bool verified, std::vector<std::string> classTeacherOf,
                std::vector<std::string> teaches) {
    Subject subject = person(std::move(userId), {SchoolRole::Teacher});
    subject.verified = verified;
    subject.classTeacherOf = std::move(classTeacherOf);
    subject.teaches = std::move(teaches);
    return subject;
}

Subject studentOf(std::string userId, const std::string& classId) {
    Subject subject = person(std::move(userId), {SchoolRole::Student});
    subject.studentOf = classId;
    return subject;
}

Subject parentOf(std::string userId, const std::string& childId, const std::string& classId) {
    Subject subject = person(std::move(userId), {SchoolRole::Parent});
    subject.children.push_back({childId, classId});
    return subject;
}

const std::string kChildId = "u-student-5a";

std::vector<NamedSubject> makeArchetypes() {
    Subject teacherAndParent = teacher("u-teacher-parent", true, {}, {"7C"});
    teacherAndParent.roles.push_back(SchoolRole::Parent);
    teacherAndParent.children.push_back({kChildId, kOwnClass});
    return {
        {"admin", person("u-admin", {SchoolRole::Admin})},
        {"director", person("u-director", {SchoolRole::Director})},
        {"verified class teacher of 5A", teacher("u-class-teacher", true, {kOwnClass}, {kOwnClass})},
        {"unverified class teacher of 5A", teacher("u-class-teacher-new", false, {kOwnClass}, {kOwnClass})},
        {"verified subject teacher of 5A", teacher("u-subject-teacher", true, {}, {kOwnClass})},
        {"unverified subject teacher of 5A", teacher("u-subject-teacher-new", false, {}, {kOwnClass})},
        {"verified teacher of 7C only", teacher("u-teacher-7c", true, {"7C"}, {"7C"})},
        {"unverified teacher of 7C only", teacher("u-teacher-7c-new", false, {"7C"}, {"7C"})},
        {"student of 5A", studentOf(kChildId, kOwnClass)},
        {"parent of a 5A student", parentOf("u-parent-5a", kChildId, kOwnClass)},
        {"verified teacher of 7C who is a parent of a 5A student", teacherAndParent},
    };
}

// Others in the chat, for mute_member and remove_member: one of each standing.
std::vector<ChatMember> otherMembers() {
    return {
        {studentOf("u-member-student", kOwnClass), ChatRole::Member},
        {studentOf("u-member-moderator", kOwnClass), ChatRole::Moderator},
        {teacher("u-member-teacher", true, {}, {kOwnClass}), ChatRole::Member},
        {teacher("u-member-class-teacher", true, {kOwnClass}, {kOwnClass}), ChatRole::Member},
        {person("u-member-admin", {SchoolRole::Admin}), ChatRole::Member},
        {person("u-member-director", {SchoolRole::Director}), ChatRole::Member},
    };
}

// Whom a direct chat is started with.
std::vector<Subject> counterparts() {
    return {
        teacher("u-other-teacher", true, {}, {kOtherClass}),
        person("u-other-admin", {SchoolRole::Admin}),
        studentOf(kChildId, kOwnClass),  // the parent archetypes' own child
        studentOf("u-student-6b", kOtherClass),
        parentOf("u-parent-6b", "u-student-6b", kOtherClass),
    };
}

// The school, a class (own and other) and every chat kind, class-bound ones in both classes.
std::vector<Target> places() {
    std::vector<Target> places;
    places.push_back(Target{});
    for (const char* classId : {kOwnClass, kOtherClass}) {
        Target inClass;
        inClass.classId = classId;
        places.push_back(inClass);
    }
    for (const ChatKind kind : kAllChatKinds) {
        for (const char* classId : {kOwnClass, kOtherClass}) {
            Target chat;
            chat.chat = kind;
            if (isClassBound(kind)) chat.classId = classId;
            places.push_back(chat);
            if (!isClassBound(kind)) break;
        }
    }
    return places;
}

std::vector<std::optional<ChatRole>> membershipsFor(Action action, const Target& place) {
    if (!place.chat) return {std::nullopt};
    if (isInChatAction(action)) {
        return {std::nullopt, ChatRole::Owner, ChatRole::Moderator, ChatRole::Member, ChatRole::ReadOnly};
    }
    if (isGrantAction(action)) return {std::nullopt, ChatRole::Owner, ChatRole::Member};
    return {std::nullopt};
}

// The action-specific details, each varied over what the rules distinguish.
std::vector<Target> detailsFor(Action action, const Target& base) {
    std::vector<Target> targets;
    if (action == Action::MuteMember || action == Action::RemoveMember) {
        for (const ChatMember& member : otherMembers()) {
            Target target = base;
            target.member = member;
            targets.push_back(target);
        }
    } else if (isGrantAction(action)) {
        for (const SchoolRole granted : kAllSchoolRoles) {
            Target target = base;
            target.grantedRole = granted;
            targets.push_back(target);
        }
    } else if (action == Action::CreateChat && base.chat == ChatKind::Direct) {
        for (const Subject& other : counterparts()) {
            Target target = base;
            target.counterpart = other;
            targets.push_back(target);
        }
    } else if (action == Action::RevokeInvite) {
        for (const bool own : {true, false}) {
            Target target = base;
            target.ownInvite = own;
            targets.push_back(target);
        }
    } else {
        targets.push_back(base);
    }
    return targets;
}

std::string describeTarget(const Target& target) {
    std::string text = target.chat ? std::string(nameOf(*target.chat)) : (target.classId.empty() ? "school" : "class");
    if (!target.classId.empty()) text += " " + target.classId;
    text += target.chatRole ? " as " + std::string(nameOf(*target.chatRole)) : std::string(" not a member");
    if (target.member) {
        text += ", member " + std::string(nameOf(target.member->person.roles.front())) + " " +
                target.member->person.userId + " (" + std::string(nameOf(target.member->chatRole)) + ")";
    }
    if (target.grantedRole) text += ", granting " + std::string(nameOf(*target.grantedRole));
    if (target.counterpart) text += ", with " + target.counterpart->userId;
    if (target.ownInvite) text += ", own invite";
    return text;
}

}  // namespace

const std::vector<NamedSubject>& subjectArchetypes() {
    static const std::vector<NamedSubject> archetypes = makeArchetypes();
    return archetypes;
}

std::vector<PolicyCell> generatePolicyCells() {
    std::vector<PolicyCell> cells;
    for (const NamedSubject& subject : subjectArchetypes()) {
        for (const Action action : kAllActions) {
            for (const Target& place : places()) {
                for (const std::optional<ChatRole>& chatRole : membershipsFor(action, place)) {
                    Target base = place;
                    base.chatRole = chatRole;
                    for (const Target& target : detailsFor(action, base)) cells.push_back({&subject, action, target});
                }
            }
        }
    }
    return cells;
}

std::string describe(const PolicyCell& cell) {
    return cell.subject->name + " | " + std::string(nameOf(cell.action)) + " | " + describeTarget(cell.target);
}

}  // namespace parta::policy::cells
