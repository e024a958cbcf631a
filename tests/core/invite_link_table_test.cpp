// The invite-link specification as a table (tests/cases/invite_links.json), in the spirit of
// TDLib's test/link.cpp: each row is an input and the exact result it must give.
#include <gtest/gtest.h>

#include <set>

#include "invite/invite_link.h"
#include "support/test_cases.h"

namespace parta::invite {
namespace {

struct LinkCase {
    std::string name;
    std::string input;
    std::string expectedCode;     // set when the input is valid
    std::string expectedDisplay;  // set when the input is valid
    std::string expectedError;    // set when it is not
};

const nlohmann::json& table() {
    static const nlohmann::json loaded = testing::loadCaseTable("invite_links.json");
    return loaded;
}

std::vector<LinkCase> linkCases() {
    std::vector<LinkCase> cases;
    for (const auto& row : table().at("cases")) {
        cases.push_back({row.at("name"), row.at("input"), row.value("code", ""),
                         row.value("display", ""), row.value("error", "")});
    }
    return cases;
}

class InviteLinkTable : public ::testing::TestWithParam<LinkCase> {};

TEST_P(InviteLinkTable, GivesTheSpecifiedResult) {
    const LinkCase& row = GetParam();
    const auto allowedHosts = table().at("allowedHosts").get<std::vector<std::string>>();
    const InviteParseResult result = parseInviteLink(row.input, allowedHosts);
    if (row.expectedError.empty()) {
        ASSERT_TRUE(result.ok()) << row.name << ": got " << errorCode(*result.error);
        EXPECT_EQ(result.code, row.expectedCode);
        EXPECT_EQ(result.display, row.expectedDisplay);
    } else {
        ASSERT_FALSE(result.ok()) << row.name << ": accepted as " << result.code;
        EXPECT_EQ(errorCode(*result.error), row.expectedError) << row.name;
    }
}

INSTANTIATE_TEST_SUITE_P(Spec, InviteLinkTable, ::testing::ValuesIn(linkCases()),
                         [](const ::testing::TestParamInfo<LinkCase>& info) {
                             return testing::testNameFromSentence(info.param.name);
                         });

TEST(InviteLinkTableShape, HasAtLeastSixtyRowsCoveringEveryError) {
    const auto& rows = table().at("cases");
    EXPECT_GE(rows.size(), 60u);
    std::set<std::string> errors;
    for (const auto& row : rows) errors.insert(row.value("error", "OK"));
    for (const char* code : {"OK", "EMPTY", "TOO_LONG", "BAD_SCHEME", "HOST_NOT_ALLOWED", "BAD_URL",
                             "BAD_LENGTH", "BAD_ALPHABET", "BAD_CHECKSUM"}) {
        EXPECT_EQ(errors.count(code), 1u) << "no row expects " << code;
    }
}

TEST(InviteLinkAllowList, EmptyAllowListAdmitsNoWebLinkButStillAppLinksAndBareCodes) {
    const std::string code = "PAB0CE1HKM0TXY1234567890RSC";
    EXPECT_EQ(*parseInviteLink("https://school.parta.example/join/" + code, {}).error,
              InviteError::HostNotAllowed);
    EXPECT_TRUE(parseInviteLink("parta://join/" + code, {}).ok());
    EXPECT_TRUE(parseInviteLink(code, {}).ok());
}

TEST(InviteErrorText, EveryErrorHasARussianAndAnEnglishSentence) {
    for (const InviteError error :
         {InviteError::Empty, InviteError::TooLong, InviteError::BadScheme, InviteError::HostNotAllowed,
          InviteError::BadUrl, InviteError::BadLength, InviteError::BadAlphabet,
          InviteError::BadChecksum}) {
        const LocalizedText message = errorMessage(error);
        EXPECT_FALSE(message.ru.empty()) << errorCode(error);
        EXPECT_FALSE(message.en.empty()) << errorCode(error);
        EXPECT_NE(message.ru, message.en) << errorCode(error);
    }
}

}  // namespace
}  // namespace parta::invite
