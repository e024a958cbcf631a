// Who a new chat starts with (core/policy/chat_audience.h): one rule per chat kind, and the
// people it adds may read the chat they are added to, by the policy's own membership rules.
#include <gtest/gtest.h>

#include "policy/chat_audience.h"
#include "policy/decide.h"

namespace parta::policy {
namespace {

TEST(ChatAudience, EveryChatKindHasItsOwnRowTracedToARegulation) {
    for (const ChatKind kind : kAllChatKinds) {
        const AudienceRule& rule = audienceRule(kind);
        EXPECT_EQ(rule.kind, kind) << nameOf(kind);
        EXPECT_NE(rule.regulation.find(".txt §"), std::string_view::npos) << nameOf(kind);
    }
}

// A person of the audience, for a chat of class 5A.
Subject personOf(Audience audience) {
    Subject person;
    person.userId = "u-1";
    switch (audience) {
        case Audience::StudentsOfClass:
            person.roles = {SchoolRole::Student};
            person.studentOf = "5A";
            break;
        case Audience::ParentsOfClass:
            person.roles = {SchoolRole::Parent};
            person.children = {{"u-2", "5A"}};
            break;
        case Audience::TeachersOfClass:
            person.roles = {SchoolRole::Teacher};
            person.verified = true;
            person.teaches = {"5A"};
            break;
        case Audience::TeachersOfSchool:
        case Audience::Counterpart:
            person.roles = {SchoolRole::Teacher};
            person.verified = true;
            break;
        case Audience::Nobody: break;
    }
    return person;
}

TEST(ChatAudience, ThePeopleANewChatStartsWithMayReadIt) {
    for (const ChatKind kind : kAllChatKinds) {
        const Audience audience = audienceRule(kind).audience;
        if (audience == Audience::Nobody) continue;
        Target target;
        target.chat = kind;
        if (isClassBound(kind)) target.classId = "5A";
        target.chatRole = ChatRole::Member;
        const Decision decision = decide(personOf(audience), Action::Read, target);
        EXPECT_TRUE(decision.allowed) << nameOf(kind) << " starts with " << nameOf(audience) << ", who may not read it: "
                                      << reasonCode(decision.reason);
    }
}

}  // namespace
}  // namespace parta::policy
