// The JSON shape shared by the wasm binding and the server: well-formed requests decide like
// the C++ API, malformed ones come back as INVALID_REQUEST naming the field, never a throw.
#include <gtest/gtest.h>

#include "policy/decide.h"
#include "policy/policy_json.h"
#include "support/test_cases.h"
#include "tools/policy_cell_generator.h"

namespace parta::policy {
namespace {

using nlohmann::json;

const std::string kTeacher = R"({"userId":"u-1","roles":["teacher"],"verified":true,"classTeacherOf":["5A"]})";
const std::string kClassChat = R"({"chat":"class_chat","classId":"5A"})";

TEST(PolicyJson, EveryGeneratedSubjectAndTargetSurvivesARoundTrip) {
    for (const cells::PolicyCell& cell : cells::generatePolicyCells()) {
        const Parsed<Subject> subject = subjectFromJson(toJson(cell.subject->subject));
        ASSERT_TRUE(subject.ok()) << subject.error;
        ASSERT_EQ(*subject.value, cell.subject->subject) << cells::describe(cell);
        const Parsed<Target> target = targetFromJson(toJson(cell.target));
        ASSERT_TRUE(target.ok()) << target.error;
        ASSERT_EQ(*target.value, cell.target) << cells::describe(cell);
    }
}

TEST(PolicyJson, DecideJsonGivesTheSameDecisionAsDecideWithTheRegulation) {
    const json answer = json::parse(decideJson(kTeacher, R"("create_chat")", kClassChat));
    EXPECT_EQ(answer.at("allowed"), true);
    EXPECT_EQ(answer.at("reason"), "ALLOWED");
    EXPECT_EQ(answer.at("regulation").get<std::string>().rfind("000_967e56ec66bd2083.txt §2.3", 0), 0u);
}

TEST(PolicyJson, ADenyCarriesItsCodeAndBothSentences) {
    const json answer = json::parse(decideJson(kTeacher, R"("create_chat")", R"({"chat":"class_chat","classId":"6B"})"));
    EXPECT_EQ(answer.at("allowed"), false);
    EXPECT_EQ(answer.at("reason"), "NOT_CLASS_TEACHER");
    EXPECT_FALSE(answer.at("message").at("ru").get<std::string>().empty());
    EXPECT_FALSE(answer.at("message").at("en").get<std::string>().empty());
}

TEST(PolicyJson, AllowedActionsJsonListsActionNamesInTheFixedOrder) {
    const json answer = json::parse(allowedActionsJson(
        R"({"roles":["student"],"studentOf":"5A"})", R"({"chat":"class_chat","classId":"5A","chatRole":"member"})"));
    EXPECT_EQ(answer, json::parse(R"({"actions":["read","post","post_poll","attach_file","edit_own","delete_own"]})"));
}

TEST(PolicyJson, AllowedActionsJsonReportsAMalformedRequestWithNoActions) {
    const json answer = json::parse(allowedActionsJson(R"({"roles":[]})", "{}"));
    EXPECT_EQ(answer.at("actions"), json::array());
    EXPECT_EQ(answer.at("reason"), "INVALID_REQUEST");
    EXPECT_EQ(answer.at("error"), "subject.roles: must list at least one school role");
}

struct MalformedRow {
    std::string name;
    std::string subject;
    std::string action;
    std::string target;
    std::string error;  // the exact "path: problem" the caller sees
};

std::vector<MalformedRow> malformedRows() {
    return {
        {"subject that is not JSON", "{roles:", R"("read")", "{}", "subject: not valid JSON"},
        {"subject that is an array", "[]", R"("read")", "{}", "subject: must be an object, got an array"},
        {"subject without roles", "{}", R"("read")", "{}", "subject.roles: must list at least one school role"},
        {"subject with an empty role list", R"({"roles":[]})", R"("read")", "{}", "subject.roles: must list at least one school role"},
        {"unknown school role", R"({"roles":["teacher","king"]})", R"("read")", "{}", R"(subject.roles[1]: unknown school role "king")"},
        {"role that is not a string", R"({"roles":[7]})", R"("read")", "{}", "subject.roles[0]: must be a string, got a number"},
        {"verified that is not a boolean", R"({"roles":["teacher"],"verified":"yes"})", R"("read")", "{}", "subject.verified: must be true or false, got a string"},
        {"misspelt subject field", R"({"roles":["teacher"],"classTeacher":["5A"]})", R"("read")", "{}", R"(subject: unknown field "classTeacher")"},
        {"class list with a number", R"({"roles":["teacher"],"teaches":["5A",5]})", R"("read")", "{}", "subject.teaches[1]: must be a string, got a number"},
        {"child that is not an object", R"({"roles":["parent"],"children":["u-2"]})", R"("read")", "{}", "subject.children[0]: must be an object, got a string"},
        {"action that is not JSON", R"({"roles":["student"]})", "read", "{}", "action: not valid JSON"},
        {"unknown action", R"({"roles":["student"]})", R"("fly")", "{}", R"(action: unknown action "fly")"},
        {"action that is not a string", R"({"roles":["student"]})", "3", "{}", "action: must be a string, got a number"},
        {"target that is not JSON", R"({"roles":["student"]})", R"("read")", "", "target: not valid JSON"},
        {"target that is a string", R"({"roles":["student"]})", R"("read")", R"("class_chat")", "target: must be an object, got a string"},
        {"unknown chat kind", R"({"roles":["student"]})", R"("read")", R"({"chat":"forum"})", R"(target.chat: unknown chat kind "forum")"},
        {"unknown chat role", R"({"roles":["student"]})", R"("read")", R"({"chat":"direct","chatRole":"king"})", R"(target.chatRole: unknown chat role "king")"},
        {"member without roles", R"({"roles":["admin"]})", R"("mute_member")", R"({"chat":"direct","member":{"chatRole":"member"}})", "target.member.roles: must list at least one school role"},
        {"counterpart with an unknown field", R"({"roles":["admin"]})", R"("create_chat")", R"({"chat":"direct","counterpart":{"roles":["student"],"chatRole":"member"}})", R"(target.counterpart: unknown field "chatRole")"},
        {"invite that is neither own nor any", R"({"roles":["admin"]})", R"("revoke_invite")", R"({"invite":"mine"})", R"(target.invite: must be "own" or "any", got "mine")"},
        {"granted role that is unknown", R"({"roles":["admin"]})", R"("create_invite")", R"({"grantedRole":"janitor"})", R"(target.grantedRole: unknown school role "janitor")"},
        {"misspelt target field", R"({"roles":["admin"]})", R"("read")", R"({"kind":"direct"})", R"(target: unknown field "kind")"},
    };
}

class PolicyJsonMalformed : public ::testing::TestWithParam<MalformedRow> {};

TEST_P(PolicyJsonMalformed, IsAnInvalidRequestNamingTheField) {
    const MalformedRow& row = GetParam();
    const json answer = json::parse(decideJson(row.subject, row.action, row.target));
    EXPECT_EQ(answer.at("allowed"), false);
    EXPECT_EQ(answer.at("reason"), "INVALID_REQUEST");
    EXPECT_EQ(answer.at("error"), row.error);
    EXPECT_FALSE(answer.at("message").at("ru").get<std::string>().empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, PolicyJsonMalformed, ::testing::ValuesIn(malformedRows()),
                         [](const ::testing::TestParamInfo<MalformedRow>& info) {
                             return testing::testNameFromSentence(info.param.name);
                         });

TEST(PolicyJson, InvalidUtf8InAnUnknownNameIsReportedWithoutThrowing) {
    const json answer = json::parse(decideJson("{\"roles\":[\"te\xff\"]}", R"("read")", "{}"));
    EXPECT_EQ(answer.at("reason"), "INVALID_REQUEST");
    const json wellFormedSubject = json::parse(decideJson(R"({"roles":["student"]})", R"("read")",
                                                          "{\"chat\":\"\xd0\xbf\xff\"}"));
    EXPECT_EQ(wellFormedSubject.at("reason"), "INVALID_REQUEST");
}

TEST(PolicyJson, NullFieldsCountAsAbsent) {
    const json answer = json::parse(decideJson(R"({"roles":["student"],"studentOf":null})", R"("read")",
                                               R"({"chat":"school_channel","classId":null,"chatRole":null})"));
    EXPECT_EQ(answer.at("allowed"), true);
}

}  // namespace
}  // namespace parta::policy
