#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "policy/school_role.h"

namespace parta::server::demo {

// «СОШ № 15 (демо)» as data: who is in it, which chats it has and what was said there. Every
// person is fictional. demo_school.cpp turns these rows into store calls, asking the policy
// about each one first, so a row the policy forbids stops the seeding instead of entering the
// demo.

inline constexpr const char* kDemoSchoolName = "СОШ № 15 (демо)";

struct DemoPerson {
    std::string login;
    std::string password;  // documented in README.md: this is a demo, never a real account
    std::string name;
    std::string role;      // for people reading the account list, e.g. «классный руководитель 5А»
    std::vector<policy::SchoolRole> roles;
    bool verified = false;
    std::string studentOf;
    std::vector<std::string> classTeacherOf;
    std::vector<std::string> teaches;
    std::string childLogin;  // a parent's child
};

// One message of a conversation: who says it (a login) and what.
struct DemoLine {
    std::string sender;
    std::string text;
};

// Posts one person repeats on many days (homework, reminders): spread evenly over the two
// weeks, one post each.
struct DemoSeries {
    std::string sender;
    std::vector<std::string> texts;
};

// A vote: who, and the options chosen, counted from 1 in the poll's order.
struct DemoVote {
    std::string voter;
    std::vector<std::int64_t> options;
};

// A message with a poll, and how people voted in it.
struct DemoPoll {
    std::string sender;
    std::string text;
    std::string question;
    bool multipleChoice = false;
    std::vector<std::string> options;
    std::vector<DemoVote> votes;
};

struct DemoChatMember {
    std::string login;
    std::string chatRole;  // owner, moderator, member, readonly
};

struct DemoChat {
    std::string kind;  // a policy chat kind (core/policy/chat_kind.h)
    std::string classId;
    std::string title;
    std::string creator;  // a login; the creator is the chat's owner
    std::vector<DemoChatMember> members;  // besides the creator
    // Conversations, each a few minutes long, spread over the two weeks in this order.
    std::vector<std::vector<DemoLine>> conversations;
    std::vector<DemoSeries> series;
    // Spread over the two weeks like a series; the votes follow all the messages.
    std::vector<DemoPoll> polls;
};

// A live invite link, made by `creator` (a login) into the chat titled `chatTitle`, granting
// `role`; its lifetime, usage limit and approval are the create endpoint's defaults.
struct DemoInvite {
    std::string creator;
    std::string chatTitle;
    policy::SchoolRole role = policy::SchoolRole::Student;
    std::string label;
};

// Someone who accepted a link that asks for approval, with a new account, and waits: a member
// of nothing yet. `person` has the login, password, name and account-list role only: the
// account's roles are what the link grants, once approved.
struct DemoJoinRequest {
    DemoPerson person;
    std::string inviteLabel;  // the label of one of demoInvites()
    std::string childName;    // as the person typed it
    std::string childLogin;   // the child the approver should name
};

// One line of a class's roster (issue 13: «классы 5А и 5Б со списками: 8 учеников и 8
// родителей, часть ещё не активирована»), as the school's records spell the name; `login` is
// the account the admin matched it to, empty for someone who has not joined yet.
struct DemoRosterEntry {
    std::string classId;
    bool student = true;  // else a parent
    std::string name;
    std::string login;
};

// A message with a file: what a class teacher sends before a trip. The file goes through the
// upload's own checks (its type read from its bytes) and is kept by its hash like any upload.
struct DemoAttachment {
    std::string chatTitle;
    std::string sender;
    std::string text;
    std::string fileName;
    std::string content;
};

// In the order they are created; staff first, then students, then parents (a parent's child
// exists before the parent).
const std::vector<DemoPerson>& demoPeople();
const std::vector<DemoChat>& demoChats();
// Created after the chats, in this order, at the moment of seeding.
const std::vector<DemoInvite>& demoInvites();
// Filed after the invites, in this order.
const std::vector<DemoJoinRequest>& demoJoinRequests();
// Posted among the other messages, a few days before now.
const std::vector<DemoAttachment>& demoAttachments();
// Kept by the admin after the join requests, in this order.
const std::vector<DemoRosterEntry>& demoRosters();

}  // namespace parta::server::demo
