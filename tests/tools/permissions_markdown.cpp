#include "permissions_markdown.h"

#include <sstream>
#include <vector>

#include "policy/decide.h"
#include "policy/permission_table.h"
#include "policy_cell_generator.h"

namespace parta::policy::docs {
namespace {

using cells::kOtherClass;
using cells::kOwnClass;

std::string joined(const std::vector<std::string>& parts, const char* separator = ", ") {
    std::string text;
    for (const std::string& part : parts) text += (text.empty() ? "" : separator) + part;
    return text;
}

std::string code(std::string_view text) { return "`" + std::string(text) + "`"; }

std::string actionNames(ActionSet actions) {
    std::vector<std::string> names;
    for (const Action action : kAllActions) {
        if ((actions & actionBit(action)) != 0) names.push_back(code(nameOf(action)));
    }
    return joined(names);
}

const std::vector<Place>& allPlaces() {
    static const std::vector<Place> places = {
        Place::School,         Place::Class,       Place::SchoolChannel,     Place::StaffChannel,
        Place::TeachersRoom,   Place::ClassChat,   Place::ParentsChat,       Place::ClassTeachersChat,
        Place::SubjectChat,    Place::ManagementChat, Place::Direct};
    return places;
}

std::string placeNames(PlaceSet places) {
    if (places == where::Anywhere) return "anywhere";
    std::vector<std::string> names;
    for (const Place place : allPlaces()) {
        if ((places & placeBit(place)) != 0) names.push_back(code(nameOf(place)));
    }
    return joined(names);
}

std::string requirementNames(Requirements requirements) {
    std::vector<std::string> names;
    for (const RequirementCheck& check : requirementChecks()) {
        if ((requirements & check.requirement) != 0) names.push_back(std::string(check.description));
    }
    return names.empty() ? "always" : joined(names, "; ");
}

void renderRuleTables(std::ostream& out) {
    out << "### Permission rules\n\n"
        << "Every action except `create_invite` and `approve_join_request`. A row applies to a person "
           "who holds its role; the first applicable row whose requirements hold allows.\n\n"
        << "| who | actions | where | requires | regulation |\n|---|---|---|---|---|\n";
    for (const PermissionRule& rule : permissionRules()) {
        out << "| " << nameOf(rule.who) << " | " << actionNames(rule.actions) << " | " << placeNames(rule.places)
            << " | " << requirementNames(rule.requirements) << " | " << rule.why << " |\n";
    }
    out << "\n### Grant rules (`create_invite`, `approve_join_request`)\n\n"
        << "| who | grants | to | requires | regulation |\n|---|---|---|---|---|\n";
    for (const GrantRule& rule : grantRules()) {
        out << "| " << nameOf(rule.who) << " | " << code(nameOf(rule.granted)) << " | " << placeNames(rule.places)
            << " | " << requirementNames(rule.requirements) << " | " << rule.why << " |\n";
    }
    out << "\n### Roles given only by appointment (`APPOINTMENT_ONLY`)\n\n| role | regulation |\n|---|---|\n";
    for (const AppointedRole& role : appointedRoles()) out << "| " << code(nameOf(role.role)) << " | " << role.why << " |\n";
    out << "\n### Membership by role\n\n"
        << "`never`: `ROLE_CONFLICT`, for links and join requests too. `own class only`: `NOT_YOUR_CLASS` in the "
           "chats of another class. Roles and chats not listed are open.\n\n"
        << "| role | chats | membership | regulation |\n|---|---|---|---|\n";
    for (const MembershipRule& rule : membershipRules()) {
        out << "| " << code(nameOf(rule.role)) << " | " << placeNames(rule.places) << " | "
            << (rule.membership == Membership::Never ? "never" : "own class only") << " | " << rule.why << " |\n";
    }
    out << "\n### Reasons when no row speaks about the person's roles\n\n"
        << "| actions | where | reason | regulation |\n|---|---|---|---|\n";
    for (const FallbackRule& rule : fallbackRules()) {
        out << "| " << actionNames(rule.actions) << " | " << placeNames(rule.places) << " | "
            << code(reasonCode(rule.reason)) << " | " << rule.why << " |\n";
    }
    out << "| anything else | | `ROLE_NOT_ALLOWED` | |\n";
    out << "\n### Standing (for `mute_member` and `remove_member`)\n\n"
        << "A person's standing in a chat is the highest level that applies; muting or removing needs strictly "
           "more than the other member has.\n\n| source | level | regulation |\n|---|---|---|\n";
    for (const StandingLevel& level : standingLevels()) {
        out << "| " << level.description << " | " << level.level << " | " << level.why << " |\n";
    }
    out << "\n### Requirements, in the order they are checked\n\n"
        << "| requirement | about | reason when missing |\n|---|---|---|\n";
    for (const RequirementCheck& check : requirementChecks()) {
        out << "| " << check.description << " | "
            << (check.kind == RequirementKind::Qualification ? "the person" : "the other party") << " | "
            << code(reasonCode(check.reasonWhenMissing)) << " |\n";
    }
    out << "\n### Reason codes\n\n| code | ru | en |\n|---|---|---|\n";
    for (const Reason reason : kAllReasons) {
        const LocalizedText message = reasonMessage(reason);
        out << "| " << code(reasonCode(reason)) << " | " << message.ru << " | " << message.en << " |\n";
    }
}

struct Column {
    std::string title;
    Target target;
};

std::vector<Column> columns(bool withSchoolAndClass) {
    std::vector<Column> columns;
    if (withSchoolAndClass) {
        columns.push_back({"school", Target{}});
        for (const char* classId : {kOwnClass, kOtherClass}) {
            Target target;
            target.classId = classId;
            columns.push_back({std::string("class ") + classId, target});
        }
    }
    for (const ChatKind kind : kAllChatKinds) {
        for (const char* classId : {kOwnClass, kOtherClass}) {
            Target target;
            target.chat = kind;
            if (isClassBound(kind)) target.classId = classId;
            columns.push_back({std::string(nameOf(kind)) + (isClassBound(kind) ? std::string(" ") + classId : ""), target});
            if (!isClassBound(kind)) break;
        }
    }
    return columns;
}

std::string cellText(const Decision& decision) {
    return decision.allowed ? "✓" : std::string(reasonCode(decision.reason));
}

void renderHeader(std::ostream& out, const std::vector<Column>& columns) {
    out << "| |";
    for (const Column& column : columns) out << " " << column.title << " |";
    out << "\n|---|";
    for (std::size_t i = 0; i < columns.size(); ++i) out << "---|";
    out << "\n";
}

// One matrix per in-chat action: the person is a plain member of the chat, and the member
// muted or removed is a student member of 5A.
void renderChatActionMatrices(std::ostream& out) {
    const std::vector<Column> chatColumns = columns(false);
    ChatMember student;
    student.person.userId = "u-member-student";
    student.person.roles = {SchoolRole::Student};
    student.person.studentOf = kOwnClass;
    for (const Action action : kAllActions) {
        if (!isInChatAction(action)) continue;
        out << "\n#### `" << nameOf(action) << "`, as a plain member"
            << (action == Action::MuteMember || action == Action::RemoveMember ? ", over a student member" : "")
            << "\n\n";
        renderHeader(out, chatColumns);
        for (const cells::NamedSubject& subject : cells::subjectArchetypes()) {
            out << "| " << subject.name << " |";
            for (const Column& column : chatColumns) {
                Target target = column.target;
                target.chatRole = ChatRole::Member;
                if (action == Action::MuteMember || action == Action::RemoveMember) target.member = student;
                out << " " << cellText(decide(subject.subject, action, target)) << " |";
            }
            out << "\n";
        }
    }
}

void renderCreateChatMatrix(std::ostream& out) {
    const std::vector<Column> chatColumns = columns(false);
    Subject otherStudent;
    otherStudent.userId = "u-student-6b";
    otherStudent.roles = {SchoolRole::Student};
    otherStudent.studentOf = kOtherClass;
    out << "\n#### `create_chat` (a direct chat: with a student of 6B)\n\n";
    renderHeader(out, chatColumns);
    for (const cells::NamedSubject& subject : cells::subjectArchetypes()) {
        out << "| " << subject.name << " |";
        for (const Column& column : chatColumns) {
            Target target = column.target;
            if (target.chat == ChatKind::Direct) target.counterpart = otherStudent;
            out << " " << cellText(decide(subject.subject, Action::CreateChat, target)) << " |";
        }
        out << "\n";
    }
}

// Which roles each person may put on a link to each destination (as the chat's owner).
void renderGrantMatrix(std::ostream& out) {
    const std::vector<Column> allColumns = columns(true);
    out << "\n#### `create_invite` and `approve_join_request`: roles one may grant (as the chat's owner)\n\n";
    renderHeader(out, allColumns);
    for (const cells::NamedSubject& subject : cells::subjectArchetypes()) {
        out << "| " << subject.name << " |";
        for (const Column& column : allColumns) {
            std::vector<std::string> roles;
            for (const SchoolRole role : kAllSchoolRoles) {
                Target target = column.target;
                if (target.chat) target.chatRole = ChatRole::Owner;
                target.grantedRole = role;
                if (decide(subject.subject, Action::CreateInvite, target).allowed) roles.emplace_back(nameOf(role));
            }
            out << " " << (roles.empty() ? "—" : joined(roles)) << " |";
        }
        out << "\n";
    }
}

void renderSchoolActionMatrix(std::ostream& out) {
    std::vector<std::pair<std::string, Target>> schoolColumns;
    Target ownInvite;
    ownInvite.ownInvite = true;
    schoolColumns.push_back({"revoke_invite own", ownInvite});
    schoolColumns.push_back({"revoke_invite any", Target{}});
    const std::vector<Action> actions = {Action::VerifyTeacher, Action::AssignClassTeacher, Action::AppointAdmin,
                                         Action::CreateClass, Action::ViewActivityStats, Action::Broadcast,
                                         Action::EndSessions, Action::ViewAuditLog, Action::MoveStudent,
                                         Action::ManageRoster, Action::ViewPeople};
    out << "\n#### School-wide actions\n\n| |";
    for (const auto& column : schoolColumns) out << " " << column.first << " |";
    for (const Action action : actions) out << " " << nameOf(action) << " |";
    out << "\n|---|";
    for (std::size_t i = 0; i < schoolColumns.size() + actions.size(); ++i) out << "---|";
    out << "\n";
    for (const cells::NamedSubject& subject : cells::subjectArchetypes()) {
        out << "| " << subject.name << " |";
        for (const auto& column : schoolColumns) {
            out << " " << cellText(decide(subject.subject, Action::RevokeInvite, column.second)) << " |";
        }
        for (const Action action : actions) out << " " << cellText(decide(subject.subject, action, Target{})) << " |";
        out << "\n";
    }
}

}  // namespace

std::string renderPermissionsMarkdown() {
    std::ostringstream out;
    out << "\n## The tables (from core/policy/permission_table.cpp)\n\n";
    renderRuleTables(out);
    out << "\n## The matrix (decide() on every role, place and action)\n\n"
        << "Rows are the people of the generated test cells; 5A is their class, 6B a class they have nothing to "
           "do with. ✓ means allowed; otherwise the cell shows the deny reason. Owners and moderators of a chat "
           "may moderate more than a plain member; the rule tables above say so.\n";
    renderChatActionMatrices(out);
    renderCreateChatMatrix(out);
    renderGrantMatrix(out);
    renderSchoolActionMatrix(out);
    out << "\n";
    return out.str();
}

std::optional<std::string> generatedSection(const std::string& document) {
    const std::size_t begin = document.find(kBeginMarker);
    const std::size_t end = document.find(kEndMarker);
    if (begin == std::string::npos || end == std::string::npos || end < begin) return std::nullopt;
    const std::size_t start = begin + std::string(kBeginMarker).size();
    return document.substr(start, end - start);
}

std::optional<std::string> withGeneratedSection(const std::string& document, const std::string& generated) {
    const std::size_t begin = document.find(kBeginMarker);
    const std::size_t end = document.find(kEndMarker);
    if (begin == std::string::npos || end == std::string::npos || end < begin) return std::nullopt;
    const std::size_t start = begin + std::string(kBeginMarker).size();
    return document.substr(0, start) + generated + document.substr(end);
}

}  // namespace parta::policy::docs
