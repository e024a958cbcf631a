// Properties that must hold for every generated cell, whatever the table rows say.
#include <gtest/gtest.h>

#include <set>

#include "policy/decide.h"
#include "policy/permission_table.h"
#include "tools/policy_cell_generator.h"

namespace parta::policy {
namespace {

using cells::PolicyCell;

const std::vector<PolicyCell>& allCells() {
    static const std::vector<PolicyCell> generated = cells::generatePolicyCells();
    return generated;
}

// The roles issue 3 lets each role put on a link or a join request at all.
std::set<SchoolRole> rolesTheIssueLetsGrant(const Subject& subject) {
    std::set<SchoolRole> roles;
    if (subject.has(SchoolRole::Admin)) roles.insert({SchoolRole::Teacher, SchoolRole::Student, SchoolRole::Parent});
    if (subject.has(SchoolRole::Teacher) || subject.has(SchoolRole::Director)) {
        roles.insert({SchoolRole::Student, SchoolRole::Parent});
    }
    return roles;
}

TEST(PolicyInvariant, NoSubjectCanMintALinkOrAdmitARequestForARoleItMayNotGrant) {
    for (const PolicyCell& cell : allCells()) {
        if (!isGrantAction(cell.action) || !decide(cell.subject->subject, cell.action, cell.target).allowed) continue;
        const SchoolRole granted = *cell.target.grantedRole;
        EXPECT_EQ(rolesTheIssueLetsGrant(cell.subject->subject).count(granted), 1u) << cells::describe(cell);
        bool grantRowAllowsIt = false;
        for (const GrantRule& rule : grantRules()) {
            grantRowAllowsIt = grantRowAllowsIt ||
                               (rule.granted == granted && covers(rule.who, cell.subject->subject) &&
                                (rule.places & placeBit(placeOf(cell.target))) != 0);
        }
        EXPECT_TRUE(grantRowAllowsIt) << cells::describe(cell);
    }
}

TEST(PolicyInvariant, AdminAndDirectorAreNeverGrantedByLinkOrRequest) {
    for (const PolicyCell& cell : allCells()) {
        if (!isGrantAction(cell.action)) continue;
        if (cell.target.grantedRole == SchoolRole::Admin || cell.target.grantedRole == SchoolRole::Director) {
            EXPECT_FALSE(decide(cell.subject->subject, cell.action, cell.target).allowed) << cells::describe(cell);
        }
    }
}

bool onlyStudentOrParent(const Subject& subject) {
    return !subject.roles.empty() && !subject.isStaff();
}

bool isTheirClass(const Subject& subject, const std::string& classId) {
    if (subject.has(SchoolRole::Student) && subject.studentOf == classId) return true;
    return subject.hasChildIn(classId);
}

TEST(PolicyInvariant, NothingAStudentOrParentMayDoReachesAChatOfAnotherClass) {
    int checked = 0;
    for (const PolicyCell& cell : allCells()) {
        const Subject& subject = cell.subject->subject;
        if (!onlyStudentOrParent(subject) || cell.target.classId.empty() || isTheirClass(subject, cell.target.classId)) {
            continue;
        }
        ++checked;
        EXPECT_FALSE(decide(subject, cell.action, cell.target).allowed) << cells::describe(cell);
    }
    EXPECT_GT(checked, 500);
}

TEST(PolicyInvariant, StudentsAndParentsNeverCreateLinksOrChatsOtherThanDirectOnes) {
    for (const PolicyCell& cell : allCells()) {
        const Subject& subject = cell.subject->subject;
        if (!onlyStudentOrParent(subject)) continue;
        const bool createsSomething = isGrantAction(cell.action) ||
                                      (cell.action == Action::CreateChat && cell.target.chat != ChatKind::Direct);
        if (createsSomething) EXPECT_FALSE(decide(subject, cell.action, cell.target).allowed) << cells::describe(cell);
    }
}

TEST(PolicyInvariant, UnverifiedTeachersCreateNothingButReadTheChatsTheyAreIn) {
    for (const PolicyCell& cell : allCells()) {
        const Subject& subject = cell.subject->subject;
        if (subject.roles != std::vector<SchoolRole>{SchoolRole::Teacher} || subject.verified) continue;
        const Decision decision = decide(subject, cell.action, cell.target);
        if (cell.action == Action::CreateChat || isGrantAction(cell.action)) {
            EXPECT_FALSE(decision.allowed) << cells::describe(cell);
        }
        if (cell.action == Action::Read && cell.target.chatRole) {
            EXPECT_TRUE(decision.allowed) << cells::describe(cell);
        }
    }
}

bool hasCyrillic(std::string_view text) {
    return text.find("\xD0") != std::string_view::npos || text.find("\xD1") != std::string_view::npos;
}

bool isPlainAscii(std::string_view text) {
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) return false;
    }
    return true;
}

TEST(PolicyInvariant, EveryDenyCarriesACodeAndARussianAndAnEnglishSentence) {
    for (const PolicyCell& cell : allCells()) {
        const Decision decision = decide(cell.subject->subject, cell.action, cell.target);
        if (decision.allowed) continue;
        ASSERT_NE(decision.reason, Reason::Allowed) << cells::describe(cell);
        ASSERT_FALSE(reasonCode(decision.reason).empty()) << cells::describe(cell);
        const LocalizedText message = decision.message();
        ASSERT_TRUE(hasCyrillic(message.ru)) << cells::describe(cell);
        ASSERT_TRUE(!message.en.empty() && isPlainAscii(message.en)) << cells::describe(cell);
    }
}

TEST(PolicyInvariant, EveryAllowNamesTheRegulationClauseOfItsRule) {
    for (const PolicyCell& cell : allCells()) {
        const Decision decision = decide(cell.subject->subject, cell.action, cell.target);
        if (!decision.allowed) continue;
        ASSERT_EQ(decision.reason, Reason::Allowed) << cells::describe(cell);
        ASSERT_NE(decision.regulation.find("§"), std::string_view::npos) << cells::describe(cell);
    }
}

const std::set<std::string_view> kRegulationFiles = {
    "000_967e56ec66bd2083.txt", "001_acba6f732bb2bae0.txt", "002_208f4b6ae414b082.txt",
    "003_fd6978b9d158a3b4.txt", "004_2478cd3cd6f86b55.txt"};

void expectCitesARegulation(std::string_view why) {
    const std::string_view file = why.substr(0, why.find(' '));
    EXPECT_EQ(kRegulationFiles.count(file), 1u) << why;
    EXPECT_NE(why.find("§"), std::string_view::npos) << why;
}

TEST(PolicyInvariant, EveryTableRowCitesAClauseOfOneOfTheFiveRegulations) {
    for (const PermissionRule& rule : permissionRules()) expectCitesARegulation(rule.why);
    for (const GrantRule& rule : grantRules()) expectCitesARegulation(rule.why);
    for (const MembershipRule& rule : membershipRules()) expectCitesARegulation(rule.why);
    for (const AppointedRole& role : appointedRoles()) expectCitesARegulation(role.why);
    for (const FallbackRule& rule : fallbackRules()) expectCitesARegulation(rule.why);
    for (const StandingLevel& level : standingLevels()) expectCitesARegulation(level.why);
}

TEST(PolicyInvariant, EveryReasonHasAStableCodeThatReadsBack) {
    std::set<std::string_view> codes;
    for (const Reason reason : kAllReasons) {
        EXPECT_EQ(reasonFromCode(reasonCode(reason)), reason);
        codes.insert(reasonCode(reason));
    }
    EXPECT_EQ(codes.size(), kAllReasons.size());
}

}  // namespace
}  // namespace parta::policy
