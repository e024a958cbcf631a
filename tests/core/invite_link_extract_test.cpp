#include <gtest/gtest.h>

#include "invite/invite_link.h"

namespace parta::invite {
namespace {

const std::vector<std::string> kHosts = {"school.parta.example"};
constexpr const char* kCode = "PAB0CE1HKM0TXY1234567890RSC";
constexpr const char* kOtherCode = "PFRCXJPFV2H1N9F85CH8WXFAQP=";

TEST(ExtractInviteLinks, FindsALinkInsideARussianSentenceWithoutItsFullStop) {
    const std::string text = std::string("Родители 5«А», вступайте: https://school.parta.example/join/") +
                             kCode + ". Спасибо!";
    const auto links = extractInviteLinks(text, kHosts);
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].link, std::string("https://school.parta.example/join/") + kCode);
    EXPECT_EQ(links[0].code, kCode);
    EXPECT_EQ(links[0].display, "PAB0-CE1H-KM0T-XY12-3456-7890-RSC");
}

TEST(ExtractInviteLinks, KeepsACheckSymbolThatLooksLikePunctuation) {
    const std::string text = std::string("parta://join/") + kOtherCode + ", до встречи";
    const auto links = extractInviteLinks(text, kHosts);
    ASSERT_EQ(links.size(), 1u);
    EXPECT_EQ(links[0].code, kOtherCode);
}

TEST(ExtractInviteLinks, StopsAtGuillemetsAndBrackets) {
    const std::string text = std::string("«https://school.parta.example/join/") + kCode +
                             "» (parta://join/" + kOtherCode + ")";
    const auto links = extractInviteLinks(text, kHosts);
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0].code, kCode);
    EXPECT_EQ(links[1].code, kOtherCode);
}

TEST(ExtractInviteLinks, SkipsLinksToOtherHostsAndBrokenCodes) {
    const std::string text = std::string("https://evil.example/join/") + kCode +
                             " https://school.parta.example/join/PAB0CE1HKM0TXY1234567890RS0" +
                             " https://school.parta.example/news";
    EXPECT_TRUE(extractInviteLinks(text, kHosts).empty());
}

TEST(ExtractInviteLinks, ReportsEachCodeOnceInOrderOfAppearance) {
    const std::string text = std::string("parta://join/") + kOtherCode + " https://school.parta.example/?invite=" +
                             kCode + " parta://join/" + kOtherCode;
    const auto links = extractInviteLinks(text, kHosts);
    ASSERT_EQ(links.size(), 2u);
    EXPECT_EQ(links[0].code, kOtherCode);
    EXPECT_EQ(links[1].code, kCode);
}

TEST(ExtractInviteLinks, IgnoresASchemeGluedToAPrecedingWord) {
    const std::string text = std::string("xparta://join/") + kCode;
    EXPECT_TRUE(extractInviteLinks(text, kHosts).empty());
}

TEST(ExtractInviteLinks, FindsNothingInPlainText) {
    EXPECT_TRUE(extractInviteLinks("Завтра контрольная по математике.", kHosts).empty());
    EXPECT_TRUE(extractInviteLinks("", kHosts).empty());
}

}  // namespace
}  // namespace parta::invite
