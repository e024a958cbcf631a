#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "invite/invite_code.h"

namespace parta::invite {
namespace {

constexpr int kPropertyCodes = 10000;

// Seeded so a failure names a reproducible code; the CSPRNG path is covered separately.
std::vector<std::string> reproducibleRandomCodes(int count) {
    std::mt19937 random(20261123);
    std::uniform_int_distribution<int> byte(0, 255);
    std::vector<std::string> codes;
    for (int i = 0; i < count; ++i) {
        RandomBytes bytes{};
        for (auto& b : bytes) b = static_cast<std::uint8_t>(byte(random));
        codes.push_back(inviteCodeFromRandomBytes(bytes));
    }
    return codes;
}

std::string lowerCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

TEST(InviteCodeProperty, RandomCodesRoundTripThroughEveryWrittenForm) {
    for (const std::string& code : reproducibleRandomCodes(kPropertyCodes)) {
        ASSERT_EQ(code.size(), kCodeLength);
        const InviteParseResult canonical = parseInviteCode(code);
        ASSERT_TRUE(canonical.ok()) << code;
        ASSERT_EQ(canonical.code, code);
        ASSERT_EQ(parseInviteCode(canonical.display).code, code) << canonical.display;
        ASSERT_EQ(parseInviteCode(lowerCase(canonical.display)).code, code) << canonical.display;
    }
}

TEST(InviteCodeProperty, EverySingleSymbolSubstitutionIsACheckSumError) {
    for (const std::string& code : reproducibleRandomCodes(kPropertyCodes)) {
        std::string typo = code;
        for (std::size_t position = 0; position < kCodeLength; ++position) {
            for (const char symbol : kCheckAlphabet) {
                if (symbol == code[position]) continue;
                typo[position] = symbol;
                const InviteParseResult result = parseInviteCode(typo);
                ASSERT_FALSE(result.ok()) << code << " -> " << typo;
                ASSERT_EQ(*result.error, InviteError::BadChecksum) << typo;
            }
            typo[position] = code[position];
        }
    }
}

TEST(InviteCodeProperty, EverySwapOfAdjacentDifferentSymbolsIsACheckSumError) {
    for (const std::string& code : reproducibleRandomCodes(kPropertyCodes)) {
        for (std::size_t position = 0; position + 1 < kCodeLength; ++position) {
            if (code[position] == code[position + 1]) continue;
            std::string swapped = code;
            std::swap(swapped[position], swapped[position + 1]);
            const InviteParseResult result = parseInviteCode(swapped);
            ASSERT_FALSE(result.ok()) << code << " -> " << swapped;
            ASSERT_EQ(*result.error, InviteError::BadChecksum) << swapped;
        }
    }
}

TEST(InviteCodeGeneration, CodesFromTheSystemRandomSourceAreValidAndDistinct) {
    std::set<std::string> seen;
    for (int i = 0; i < kPropertyCodes; ++i) {
        const std::string code = generateInviteCode();
        ASSERT_TRUE(parseInviteCode(code).ok()) << code;
        ASSERT_TRUE(seen.insert(code).second) << "duplicate " << code;
    }
}

TEST(InviteCodeGeneration, UsesExactlyTheFirst130BitsMostSignificantFirst) {
    RandomBytes allZero{};
    EXPECT_EQ(inviteCodeFromRandomBytes(allZero).substr(0, kPayloadLength), std::string(26, '0'));

    RandomBytes allOnes{};
    allOnes.fill(0xFF);
    EXPECT_EQ(inviteCodeFromRandomBytes(allOnes).substr(0, kPayloadLength), std::string(26, 'Z'));

    RandomBytes firstBit{};
    firstBit[0] = 0x80;  // 10000 -> 16 -> 'G'
    EXPECT_EQ(inviteCodeFromRandomBytes(firstBit)[0], 'G');

    // Bits 130..135 of the 17 bytes are surplus and must not change the code.
    RandomBytes surplus = firstBit;
    surplus[16] |= 0x3F;
    EXPECT_EQ(inviteCodeFromRandomBytes(surplus), inviteCodeFromRandomBytes(firstBit));
}

TEST(InviteCodeCheckSymbol, IsThePayloadAsABase32NumberModulo37) {
    // 0...01 is 1; 0...0Z is 31; "10" is 32; "11" is 33 -> '~'; "14" is 36 -> 'U'.
    EXPECT_EQ(checkSymbolFor(std::string(25, '0') + "1"), '1');
    EXPECT_EQ(checkSymbolFor(std::string(25, '0') + "Z"), 'Z');
    EXPECT_EQ(checkSymbolFor(std::string(24, '0') + "10"), '*');
    EXPECT_EQ(checkSymbolFor(std::string(24, '0') + "11"), '~');
    EXPECT_EQ(checkSymbolFor(std::string(24, '0') + "14"), 'U');
    EXPECT_EQ(checkSymbolFor(std::string(24, '0') + "15"), '0');  // 37 mod 37
}

TEST(InviteCodeFormat, GroupsOfFourFromTheLeftJoinedByDashes) {
    EXPECT_EQ(formatInviteCode("PAB0CE1HKM0TXY1234567890RSC"), "PAB0-CE1H-KM0T-XY12-3456-7890-RSC");
    EXPECT_EQ(formatInviteCode("pab0 ce1h km0t xy12 3456 7890 rsc"),
              "PAB0-CE1H-KM0T-XY12-3456-7890-RSC");
}

TEST(InviteCodeFormat, IsEmptyForSomethingThatIsNotACode) {
    EXPECT_EQ(formatInviteCode(""), "");
    EXPECT_EQ(formatInviteCode("PAB0CE1HKM0TXY1234567890RS0"), "");
}

}  // namespace
}  // namespace parta::invite
