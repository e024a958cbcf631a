// The admin's duties of 000 §2.1 and 003 §2.1: the school's classes, its people, teachers'
// verification and attachment to classes, admins, and students moving between classes.
// Online actions (docs/protocol.md, "Administration"): the app calls them directly.
#include <algorithm>

#include "api/administration_answers.h"
#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/invite_answers.h"
#include "api/json_body.h"
#include "client/json_text.h"
#include "http/error_response.h"
#include "policy/administered_person.h"
#include "policy/chat_audience.h"
#include "policy/decide.h"

namespace parta::server {

namespace {

constexpr std::size_t kMaxClassIdChars = 64;

Response classExists() {
    return errorResponse(409, "CLASS_EXISTS", {"Такой класс в школе уже есть.", "The school already has this class."});
}

// The refusal of `action` by the caller over `person`, or nullopt: the policy first (who
// administers), then whether the action is about such a person at all (core decides both).
std::optional<Response> administrationRefusal(ApiContext& context, const Account& account, policy::Action action,
                                              std::int64_t personId, std::optional<Account>& person) {
    const policy::Decision decision = policy::decide(account.subject, action, policy::Target{});
    if (!decision.allowed) return policyRefusal(decision);
    if (context.store.userIsInSchool(account.schoolId, personId)) person = context.store.account(personId);
    if (!person) return unknownUser();
    if (const std::optional<policy::PersonMismatch> mismatch = policy::administeredPersonMismatch(action, person->subject)) {
        return errorResponse(409, policy::mismatchCode(*mismatch), policy::mismatchMessage(*mismatch));
    }
    return std::nullopt;
}

Response personAnswer(ApiContext& context, std::int64_t userId, std::optional<int> revokedInvites = std::nullopt) {
    const std::optional<Account> person = context.store.account(userId);
    if (!person) return storageFailedResponse();
    JsonText json;
    json.beginObject().key("person");
    writeSchoolPerson(json, {context.store.user(userId), person->subject});
    if (revokedInvites) json.key("revokedInvites").number(*revokedInvites);
    json.endObject();
    return noStoreJson(200, json);
}

// The person's profile changed: their own devices learn it from `me` at once.
void profileChanged(ApiContext& context, std::int64_t userId) { context.sync.publishedToUser(userId); }

// The links of the class the teacher made and could no longer make once detached: decide
// again, as the teacher will be, for each of their unused active links of the class.
std::vector<std::int64_t> linksLostByDetaching(ApiContext& context, const Account& teacher, const std::string& classId,
                                               const policy::Subject& detached) {
    std::vector<std::int64_t> lost;
    const std::int64_t now = context.nowMs();
    for (const Invite& invite : context.store.invites(teacher.schoolId, classId)) {
        if (invite.createdBy != teacher.userId || invite.uses > 0 || invite.stateAt(now) != InviteState::Active) continue;
        std::optional<std::string> membershipRole;
        if (invite.chat) {
            const std::optional<ChatAccess> access = context.store.chatAccess(teacher.schoolId, invite.chat->id, teacher.userId);
            if (access) membershipRole = access->membershipRole;
        }
        if (!policy::decide(detached, policy::Action::CreateInvite, inviteTarget(invite, membershipRole)).allowed) {
            lost.push_back(invite.id);
        }
    }
    return lost;
}

void eraseClass(std::vector<std::string>& classes, const std::string& classId) {
    classes.erase(std::remove(classes.begin(), classes.end(), classId), classes.end());
}

// The kinds of chat a class's students, and their parents, are in by being who they are.
ClassChatKinds classChatKinds() {
    ClassChatKinds kinds;
    for (const policy::ChatKind kind : policy::kAllChatKinds) {
        const policy::Audience audience = policy::audienceRule(kind).audience;
        if (audience == policy::Audience::StudentsOfClass) kinds.ofStudents.emplace_back(policy::nameOf(kind));
        if (audience == policy::Audience::ParentsOfClass) kinds.ofParents.emplace_back(policy::nameOf(kind));
    }
    return kinds;
}

}  // namespace

Response listClasses(ApiContext& context, const Account& account) {
    const policy::Decision decision = policy::decide(account.subject, policy::Action::ViewPeople, policy::Target{});
    if (!decision.allowed) return policyRefusal(decision);
    JsonText json;
    json.beginObject().key("classes").beginArray();
    for (const SchoolClass& schoolClass : context.store.classes(account.schoolId)) writeSchoolClass(json, schoolClass);
    json.endArray().endObject();
    return noStoreJson(200, json);
}

Response createClass(ApiContext& context, const Account& account, const Request& request) {
    JsonBody body(request.body, {"classId"});
    const std::string classId = body.text("classId", 1, kMaxClassIdChars);
    if (!body.ok()) return badRequest(body.error());
    const policy::Decision decision = policy::decide(account.subject, policy::Action::CreateClass, policy::Target{});
    if (!decision.allowed) return policyRefusal(decision);
    if (!context.store.createClass({account.schoolId, account.userId, context.nowMs()}, classId)) return classExists();
    JsonText json;
    json.beginObject().key("class");
    writeSchoolClass(json, SchoolClass{classId, {}, {}, 0});
    json.endObject();
    return noStoreJson(201, json);
}

Response listPeople(ApiContext& context, const Account& account) {
    const policy::Decision decision = policy::decide(account.subject, policy::Action::ViewPeople, policy::Target{});
    if (!decision.allowed) return policyRefusal(decision);
    JsonText json;
    json.beginObject().key("people").beginArray();
    for (const SchoolPerson& person : context.store.people(account.schoolId)) writeSchoolPerson(json, person);
    json.endArray().endObject();
    return noStoreJson(200, json);
}

Response verifyTeacher(ApiContext& context, const Account& account, std::int64_t userId) {
    std::optional<Account> person;
    if (std::optional<Response> refusal = administrationRefusal(context, account, policy::Action::VerifyTeacher, userId, person)) {
        return *refusal;
    }
    if (context.store.verifyTeacher({account.schoolId, account.userId, context.nowMs()}, userId)) profileChanged(context, userId);
    return personAnswer(context, userId);
}

Response setAssignment(ApiContext& context, const Account& account, std::int64_t userId, const Request& request) {
    JsonBody body(request.body, {"classId", "assignment", "assigned"});
    const std::string classId = body.text("classId", 1, kMaxClassIdChars);
    const std::string assignmentName = body.text("assignment", 1, 32);
    const bool assigned = body.boolean("assigned");
    if (!body.ok()) return badRequest(body.error());
    std::optional<TeacherAssignment> assignment;
    if (assignmentName == "class_teacher") assignment = TeacherAssignment::ClassTeacher;
    if (assignmentName == "subject_teacher") assignment = TeacherAssignment::SubjectTeacher;
    if (!assignment) return badRequest("assignment: expected \"class_teacher\" or \"subject_teacher\"");
    std::optional<Account> person;
    if (std::optional<Response> refusal =
            administrationRefusal(context, account, policy::Action::AssignClassTeacher, userId, person)) {
        return *refusal;
    }
    if (!context.store.classExists(account.schoolId, classId)) return unknownClass();

    AssignmentChange change{userId, classId, *assignment, assigned, {}};
    if (!assigned) {
        policy::Subject detached = person->subject;
        eraseClass(*assignment == TeacherAssignment::ClassTeacher ? detached.classTeacherOf : detached.teaches, classId);
        change.revokeInviteIds = linksLostByDetaching(context, *person, classId, detached);
    }
    const AssignmentOutcome outcome = context.store.setAssignment({account.schoolId, account.userId, context.nowMs()}, change);
    if (outcome.changed) profileChanged(context, userId);
    return personAnswer(context, userId, outcome.revokedInvites);
}

Response setAdmin(ApiContext& context, const Account& account, std::int64_t userId, const Request& request) {
    JsonBody body(request.body, {"admin"});
    const bool admin = body.boolean("admin");
    if (!body.ok()) return badRequest(body.error());
    std::optional<Account> person;
    if (std::optional<Response> refusal = administrationRefusal(context, account, policy::Action::AppointAdmin, userId, person)) {
        return *refusal;
    }
    const AdminAppointment outcome = context.store.setAdmin({account.schoolId, account.userId, context.nowMs()}, userId, admin);
    if (outcome == AdminAppointment::LastAdmin) {
        return errorResponse(409, "LAST_ADMIN", {"В школе должен остаться хотя бы один администратор.",
                                                 "The school must keep at least one admin."});
    }
    if (outcome == AdminAppointment::Changed) profileChanged(context, userId);
    return personAnswer(context, userId);
}

Response moveStudent(ApiContext& context, const Account& account, std::int64_t userId, const Request& request) {
    JsonBody body(request.body, {"classId"});
    const std::string classId = body.text("classId", 1, kMaxClassIdChars);
    if (!body.ok()) return badRequest(body.error());
    std::optional<Account> person;
    if (std::optional<Response> refusal = administrationRefusal(context, account, policy::Action::MoveStudent, userId, person)) {
        return *refusal;
    }
    if (!context.store.classExists(account.schoolId, classId)) return unknownClass();
    const StudentMoveOutcome outcome =
        context.store.moveStudent({account.schoolId, account.userId, context.nowMs()}, userId, classId, classChatKinds());
    for (const std::int64_t chatId : outcome.changedChats) context.sync.published(chatId);
    // Removed from a chat, they are no longer among its members whom published() reaches.
    for (const std::int64_t personId : outcome.changedPeople) profileChanged(context, personId);
    return personAnswer(context, userId);
}

}  // namespace parta::server
