// Every policy refusal path of the server answers what core's decide() says, on the policy's
// own cells (tests/tools/policy_cell_generator.h). For one cell of each (archetype, action,
// place, reason) that an endpoint asks today, a school is staged with a person of the cell's
// archetype and the place its target names (the chat's kind and class, the person's role in it,
// whom they act on), the endpoint is called over HTTP, and an allowed cell must succeed while a
// denied one must answer 403 with the reason's code. The endpoints hold no rule of their own
// (server/api/endpoints.h), so a difference is a server bug, not a second policy.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <tuple>

#include "auth/password_hasher.h"
#include "auth/sha256_hex.h"
#include "policy/decide.h"
#include "policy/permission_table.h"
#include "random/uuid.h"
#include "server/support/school_fixture.h"
#include "tools/policy_cell_generator.h"

namespace parta::testing {
namespace {

using policy::Action;
using policy::Decision;
using policy::SchoolRole;
using policy::Subject;
using policy::Target;
using policy::cells::NamedSubject;
using policy::cells::PolicyCell;

std::int64_t nowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Whether an endpoint asks decide() exactly this cell. Whatever is done in a chat, and creating
// one, always names the chat (a cell without one is INCOMPLETE_TARGET, which no request can
// express); revoking a link, ending someone's sessions and reading the audit log or the
// statistics are asked about the school as a whole. Broadcasting has no endpoint yet; attaching
// files is the upload's, tested with its type and size checks (server_attachments_test.cpp), and
// the administration actions, asked about the school as a whole too, are tested as a role table
// beside the people they act on (server_administration_test.cpp). A direct chat with oneself is with no one (404 UNKNOWN_USER before the policy is asked).
// A join request comes by a link, and no link grants a role that comes only by appointment:
// creating one is refused (APPOINTMENT_ONLY) and the store holds none.
bool askedByAnEndpoint(const PolicyCell& cell) {
    const Target& target = cell.target;
    switch (cell.action) {
        case Action::Read:
        case Action::Post:
        case Action::PostPoll:
        case Action::EditOwn:
        case Action::DeleteOwn:
        case Action::DeleteAny:
        case Action::Pin:
        case Action::MuteMember:
        case Action::RemoveMember: return target.chat.has_value();
        case Action::CreateChat:
            return target.chat && !(target.counterpart && target.counterpart->userId == cell.subject->subject.userId);
        case Action::CreateInvite: return true;
        case Action::ApproveJoinRequest:
            return target.grantedRole != SchoolRole::Admin && target.grantedRole != SchoolRole::Director;
        case Action::RevokeInvite:
        case Action::EndSessions:
        case Action::ViewAuditLog:
        case Action::ViewActivityStats: return !target.chat && target.classId.empty();
        case Action::AttachFile:
        case Action::VerifyTeacher:
        case Action::AssignClassTeacher:
        case Action::AppointAdmin:
        case Action::CreateClass:
        case Action::MoveStudent:
        case Action::ManageRoster:
        case Action::ViewPeople:
        case Action::Broadcast: return false;
    }
    return false;
}

// One cell of each (action, place, reason) that an endpoint asks, the first the generator makes:
// each refusal path of the table once, and each action's allowed path once per place. With
// `perArchetype`, that for each archetype: the first cell of a path is mostly the admin's, who
// may do nearly everything everywhere, so an endpoint that asked decide() about the wrong
// action (post instead of read for a vote) would otherwise go unseen.
std::vector<PolicyCell> representativeCells(bool perArchetype) {
    std::set<std::tuple<const NamedSubject*, Action, policy::Place, policy::Reason>> seen;
    std::vector<PolicyCell> chosen;
    for (const PolicyCell& cell : policy::cells::generatePolicyCells()) {
        if (!askedByAnEndpoint(cell)) continue;
        const Decision decision = policy::decide(cell.subject->subject, cell.action, cell.target);
        const NamedSubject* archetype = perArchetype ? cell.subject : nullptr;
        if (seen.emplace(archetype, cell.action, policy::placeOf(cell.target), decision.reason).second) {
            chosen.push_back(cell);
        }
    }
    return chosen;
}

// Whether the cell names something that lives in a school (a chat, a link, a join request, a
// person), so that another school's copy of it can be asked for instead. Ending sessions is
// decided before the person is looked up: a refused caller learns nothing of them either way.
bool namesSomethingOfTheSchool(const PolicyCell& cell) {
    if (policy::isInChatAction(cell.action)) return true;
    switch (cell.action) {
        case Action::CreateChat: return cell.target.counterpart.has_value();
        case Action::CreateInvite: return cell.target.chat.has_value();
        case Action::RevokeInvite:
        case Action::ApproveJoinRequest: return true;
        case Action::EndSessions: return policy::decide(cell.subject->subject, cell.action, cell.target).allowed;
        default: return false;
    }
}

// The people the cells speak of: the archetypes, the members they act on and the counterparts
// of direct chats, once each by the generator's id.
std::vector<Subject> cellPeople() {
    std::map<std::string, Subject> people;
    for (const NamedSubject& archetype : policy::cells::subjectArchetypes()) {
        people.emplace(archetype.subject.userId, archetype.subject);
    }
    for (const PolicyCell& cell : policy::cells::generatePolicyCells()) {
        if (cell.target.member) people.emplace(cell.target.member->person.userId, cell.target.member->person);
        if (cell.target.counterpart) people.emplace(cell.target.counterpart->userId, cell.target.counterpart.value());
    }
    std::vector<Subject> listed;
    for (auto& entry : people) listed.push_back(std::move(entry.second));
    return listed;
}

// A school the cells are staged in. In the home school every person of the cells has an
// account; in another school none has, and the author stands in for whoever the cell names.
struct StagedSchool {
    std::int64_t id = 0;
    // Writes the others' messages, mints the others' links; the one whose sessions are ended.
    std::int64_t author = 0;
    std::map<std::string, std::int64_t> people;  // the generator's user id → the account's id
    std::map<std::string, std::int64_t> studentOfClass;  // a class → one of its students

    bool holds(const std::string& userId) const { return people.count(userId) != 0; }
    std::int64_t idOf(const std::string& userId) const {
        const auto found = people.find(userId);
        return found == people.end() ? author : found->second;
    }
};

// What one endpoint answered to a cell.
struct Probe {
    std::string endpoint;
    HttpAnswer answer;
};

std::string outcomeOf(const HttpAnswer& answer) {
    if (answer.status >= 200 && answer.status < 300) return "2xx";
    // Asked only once decide allowed the chat: the staged school already has its one of a kind
    // it has one of (core/policy/chat_kind.h, isOnePerSchool), as the cells before staged it.
    if (answer.errorCode() == "CHAT_EXISTS") return "2xx";
    return std::to_string(answer.status) + " " + answer.errorCode();
}

std::string expectedOutcome(const PolicyCell& cell) {
    const Decision decision = policy::decide(cell.subject->subject, cell.action, cell.target);
    return decision.allowed ? "2xx" : "403 " + std::string(policy::reasonCode(decision.reason));
}

class PolicyCellsServer : public SchoolFixture {
protected:
    void SetUp() override {
        SchoolFixture::SetUp();
        passwordHash_ = server::PasswordHasher(server::PasswordCost::TestOnlyMinimal).hash(kPassword);
        home_.id = store().createSchool("Школа ячеек политики (тест)");
        const std::vector<Subject> people = cellPeople();
        // Children first, so that their parents can name them.
        for (const bool parents : {false, true}) {
            for (const Subject& person : people) {
                if (person.children.empty() != parents) stagePerson(person);
            }
        }
        server::NewUser author;
        author.roles = {SchoolRole::Teacher};
        author.verified = true;
        home_.author = createUser(home_.id, "cells-author", author);
        away_.id = otherSchoolId;
        away_.author = strangerTeacher.id;
    }

    // The cell's subject as the store gives it to the policy: ids are the accounts', roles sorted.
    Subject asStored(Subject subject) const {
        subject.userId = std::to_string(home_.idOf(subject.userId));
        for (policy::Child& child : subject.children) child.userId = std::to_string(home_.idOf(child.userId));
        std::sort(subject.roles.begin(), subject.roles.end());
        return subject;
    }

    // Stages the cell's place in `school` and calls each endpoint that asks the cell's action.
    std::vector<Probe> ask(const PolicyCell& cell, const StagedSchool& school) {
        const Subject& subject = cell.subject->subject;
        const Target& target = cell.target;
        HttpClient& client = clientOf(subject);
        const std::int64_t self = school.idOf(subject.userId);
        switch (cell.action) {
            case Action::Post:
                return {{"POST /api/v1/messages", send(client, chatFor(target, school, subject), "Добрый день")}};
            case Action::PostPoll:
                return {
                    {"POST /api/v1/messages with a poll", sendPoll(client, chatFor(target, school, subject),
                                                                   "Когда экскурсия?", {"Во вторник", "В четверг"})}};
            case Action::EditOwn: {
                const std::int64_t chatId = chatFor(target, school, subject);
                return {{"POST /api/v1/messages/{id}/edit",
                         edit(client, messageIn(school, chatId, self), chatId, "Исправлено")}};
            }
            case Action::DeleteOwn:
            case Action::DeleteAny: {
                const std::int64_t chatId = chatFor(target, school, subject);
                const std::int64_t sender = cell.action == Action::DeleteOwn ? self : school.author;
                return {
                    {"POST /api/v1/messages/{id}/delete", remove(client, messageIn(school, chatId, sender), chatId)}};
            }
            case Action::Pin: {
                const std::int64_t chatId = chatFor(target, school, subject);
                const std::int64_t messageId = messageIn(school, chatId, school.author);
                const nlohmann::json body = {{"chatId", chatId}, {"pinned", true}};
                return {{"POST /api/v1/messages/{id}/pin",
                         client.post("/api/v1/messages/" + std::to_string(messageId) + "/pin", body.dump())}};
            }
            case Action::Read: {
                // Voting and moving one's read position both need what reading the chat needs.
                const std::int64_t chatId = chatFor(target, school, subject);
                const std::int64_t poll = messageIn(school, chatId, school.author, true);
                return {{"POST /api/v1/messages/{id}/votes", vote(client, poll, chatId, {1})},
                        {"POST /api/v1/chats/{id}/read", markRead(client, chatId, poll)}};
            }
            case Action::MuteMember:
            case Action::RemoveMember: {
                const std::int64_t chatId = chatFor(target, school, subject, false);
                const std::int64_t memberId = school.idOf(target.member->person.userId);
                store().addMember(chatId, memberId, std::string(policy::nameOf(target.member->chatRole)));
                const std::string path =
                    "/api/v1/chats/" + std::to_string(chatId) + "/members/" + std::to_string(memberId);
                if (cell.action == Action::RemoveMember) {
                    return {{"DELETE /api/v1/chats/{id}/members/{userId}", client.del(path)}};
                }
                return {{"POST /api/v1/chats/{id}/members/{userId}/mute",
                         client.post(path + "/mute", R"({"muted": true})")}};
            }
            case Action::CreateChat: {
                nlohmann::json body = {{"kind", policy::nameOf(*target.chat)}, {"title", "Новый чат"}};
                if (!target.classId.empty()) body["classId"] = target.classId;
                if (target.counterpart) body["counterpartId"] = school.idOf(target.counterpart->userId);
                return {{"POST /api/v1/chats", client.post("/api/v1/chats", body.dump())}};
            }
            case Action::CreateInvite: {
                nlohmann::json destination = nlohmann::json::object();
                if (target.chat) {
                    destination["chatId"] = chatFor(target, school, subject);
                } else if (!target.classId.empty()) {
                    destination["classId"] = target.classId;
                }
                const nlohmann::json body = {{"destination", destination},
                                             {"role", policy::nameOf(*target.grantedRole)},
                                             {"label", "Ссылка ячейки"}};
                return {{"POST /api/v1/invites", client.post("/api/v1/invites", body.dump())}};
            }
            case Action::RevokeInvite: {
                const std::int64_t inviteId = inviteTo(school, std::nullopt, "", SchoolRole::Teacher,
                                                       target.ownInvite ? self : school.author, false);
                return {{"POST /api/v1/invites/{id}/revoke",
                         client.post("/api/v1/invites/" + std::to_string(inviteId) + "/revoke", "")}};
            }
            case Action::ApproveJoinRequest:
                return {{"POST /api/v1/join-requests/{id}/approve", approve(cell, school)}};
            case Action::ViewAuditLog: return {{"GET /api/v1/audit", client.get("/api/v1/audit")}};
            case Action::ViewActivityStats:
                return {{"GET /api/v1/stats/activity", client.get("/api/v1/stats/activity")}};
            case Action::EndSessions:
                return {{"DELETE /api/v1/users/{id}/sessions",
                         client.del("/api/v1/users/" + std::to_string(school.author) + "/sessions")}};
            default: ADD_FAILURE() << policy::cells::describe(cell) << ": no endpoint asks this action"; return {};
        }
    }

    StagedSchool home_, away_;

private:
    std::int64_t createUser(std::int64_t school, const std::string& login, server::NewUser user) {
        user.schoolId = school;
        user.login = login;
        user.name = login;
        user.passwordHash = passwordHash_;
        user.createdAt = nowMs();
        return store().createUser(user);
    }

    void stagePerson(const Subject& person) {
        server::NewUser user;
        user.roles = person.roles;
        user.verified = person.verified;
        user.studentOf = person.studentOf;
        user.classTeacherOf = person.classTeacherOf;
        user.teaches = person.teaches;
        for (const policy::Child& child : person.children) user.childIds.push_back(home_.people.at(child.userId));
        const std::int64_t id = createUser(home_.id, "cells-" + person.userId, user);
        home_.people[person.userId] = id;
        if (person.has(SchoolRole::Student)) home_.studentOfClass.emplace(person.studentOf, id);
    }

    HttpClient& clientOf(const Subject& subject) {
        auto found = clients_.find(subject.userId);
        if (found == clients_.end()) {
            HttpClient client(port());
            const HttpAnswer signedIn = client.signIn("cells-" + subject.userId, kPassword);
            EXPECT_EQ(signedIn.status, 200) << subject.userId << ": " << signedIn.body;
            found = clients_.emplace(subject.userId, client).first;
        }
        return found->second;
    }

    // A chat of the target's kind and class with the subject in the target's role (in their own
    // school only: nobody is a member of another school's chat). The cells that leave every
    // membership as it was share one; mute and remove change the member they act on, so each
    // of theirs gets a chat of its own.
    std::int64_t chatFor(const Target& target, const StagedSchool& school, const Subject& subject, bool shared = true) {
        const std::string kind(policy::nameOf(*target.chat));
        const std::string role = target.chatRole ? std::string(policy::nameOf(*target.chatRole)) : std::string();
        const auto key = std::make_tuple(school.id, kind, target.classId, subject.userId, role);
        if (const auto found = sharedChats_.find(key); shared && found != sharedChats_.end()) return found->second;
        const std::int64_t chatId =
            store().createChat(server::NewChat{school.id, kind, target.classId, kind + " " + target.classId, nowMs()});
        if (target.chatRole && school.holds(subject.userId)) {
            store().addMember(chatId, school.idOf(subject.userId), role);
        }
        if (shared) sharedChats_.emplace(key, chatId);
        return chatId;
    }

    std::int64_t messageIn(const StagedSchool& school, std::int64_t chatId, std::int64_t senderId, bool poll = false) {
        server::NewMessage message{school.id, chatId, senderId, generateUuidV4(), "Собрание в пятницу",
                                   std::nullopt, nowMs(), std::nullopt, {}};
        if (poll) message.poll = server::NewPoll{"Кто придёт?", false, {"Приду", "Не смогу"}};
        return store().postMessage(message).message.id;
    }

    std::int64_t inviteTo(const StagedSchool& school, std::optional<std::int64_t> chatId, const std::string& classId,
                          SchoolRole granted, std::int64_t createdBy, bool requiresApproval) {
        server::NewInvite invite;
        invite.schoolId = school.id;
        invite.codeHash = server::sha256Hex(generateUuidV4());
        invite.chatId = chatId;
        invite.classId = classId;
        invite.grantedRole = granted;
        invite.label = "Ссылка ячейки";
        invite.createdBy = createdBy;
        invite.createdAt = nowMs();
        invite.expiresAt = invite.createdAt + 24 * 3600 * 1000;
        invite.usageLimit = 10;
        invite.requiresApproval = requiresApproval;
        return store().createInvite(invite);
    }

    // A pending request by a new account, through a link to the target's destination that
    // grants the target's role; approved with the child a parent's destination class holds.
    HttpAnswer approve(const PolicyCell& cell, const StagedSchool& school) {
        const Target& target = cell.target;
        std::optional<std::int64_t> chatId;
        if (target.chat) chatId = chatFor(target, school, cell.subject->subject);
        const std::int64_t inviteId =
            inviteTo(school, chatId, target.classId, *target.grantedRole, school.author, true);
        server::Admission admission;
        admission.schoolId = school.id;
        admission.inviteId = inviteId;
        server::NewUser joiner;
        joiner.login = "cells-joiner-" + generateUuidV4();
        joiner.name = "Новый участник";
        joiner.passwordHash = passwordHash_;
        joiner.createdAt = nowMs();
        admission.newAccount = joiner;
        admission.nowMs = nowMs();
        const server::AdmissionOutcome filed = store().admit(admission);
        EXPECT_EQ(filed.result, server::AdmissionOutcome::Result::RequestFiled) << policy::cells::describe(cell);
        nlohmann::json body = nlohmann::json::object();
        const auto child = school.studentOfClass.find(target.classId);
        if (target.grantedRole == SchoolRole::Parent && child != school.studentOfClass.end()) {
            body["childId"] = child->second;
        }
        return clientOf(cell.subject->subject)
            .post("/api/v1/join-requests/" + std::to_string(filed.requestId) + "/approve", body.dump());
    }

    std::string passwordHash_;
    std::map<std::string, HttpClient> clients_;
    std::map<std::tuple<std::int64_t, std::string, std::string, std::string, std::string>, std::int64_t> sharedChats_;
};

TEST_F(PolicyCellsServer, TheStagedPeopleAreTheCellsPeopleAsThePolicySeesThem) {
    for (const Subject& person : cellPeople()) {
        const std::optional<server::Account> account = store().account(home_.idOf(person.userId));
        ASSERT_TRUE(account) << person.userId;
        EXPECT_EQ(account->subject, asStored(person)) << person.userId << ": the store's profile is not the cell's";
    }
}

TEST_F(PolicyCellsServer, EachEndpointAnswersWhatDecideSaysForEveryArchetypeActionPlaceAndReason) {
    std::map<Action, std::set<bool>> decidedBoth;
    const std::vector<PolicyCell> cells = representativeCells(true);
    for (const PolicyCell& cell : cells) {
        decidedBoth[cell.action].insert(policy::decide(cell.subject->subject, cell.action, cell.target).allowed);
        for (const Probe& probe : ask(cell, home_)) {
            EXPECT_EQ(outcomeOf(probe.answer), expectedOutcome(cell))
                << policy::cells::describe(cell) << " — " << probe.endpoint << " answered " << probe.answer.body;
        }
    }
    RecordProperty("cells", static_cast<int>(cells.size()));
    // The table is not vacuous: every action an endpoint asks is seen both allowed and refused.
    for (const auto& [action, outcomes] : decidedBoth) {
        EXPECT_EQ(outcomes.size(), 2u) << policy::nameOf(action) << " is never both allowed and refused";
    }
}

TEST_F(PolicyCellsServer, AChatLinkRequestOrPersonOfAnotherSchoolIsUnknownWhateverDecideWouldSay) {
    for (const PolicyCell& cell : representativeCells(false)) {
        if (!namesSomethingOfTheSchool(cell)) continue;
        for (const Probe& probe : ask(cell, away_)) {
            EXPECT_EQ(probe.answer.status, 404) << policy::cells::describe(cell) << ", in another school — "
                                                << probe.endpoint << " answered " << probe.answer.body;
        }
    }
}

}  // namespace
}  // namespace parta::testing
