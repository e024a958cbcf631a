#include <gtest/gtest.h>

#include "text/utf8.h"

namespace parta::utf8 {
namespace {

TEST(Utf8Decode, ReadsCyrillicAsOneCodePointOfTwoBytes) {
    const auto decoded = decodeAt("Ж", 0);
    EXPECT_EQ(decoded.value, U'Ж');
    EXPECT_EQ(decoded.length, 2u);
}

TEST(Utf8Decode, TurnsTruncatedOverlongAndSurrogateSequencesIntoReplacementCharacters) {
    for (const std::string bad : {"\xD0", "\xC0\xAF", "\xED\xA0\x80", "\xFF", "\x80"}) {
        const auto decoded = decodeAt(bad, 0);
        EXPECT_EQ(decoded.value, kReplacementCharacter);
        EXPECT_EQ(decoded.length, 1u);
    }
}

TEST(Utf8Count, StopsCountingOnceTheLimitIsPassed) {
    EXPECT_EQ(countCodePointsUpTo("ЖЖЖ", 10), 3u);
    EXPECT_EQ(countCodePointsUpTo(std::string(5000, 'a'), 2048), 2049u);
}

TEST(Utf8Trim, RemovesUnicodeSpacesAndTheByteOrderMarkAtBothEnds) {
    EXPECT_EQ(trimWhitespace("\xEF\xBB\xBF\xC2\xA0 код\n\t"), "код");
    EXPECT_EQ(trimWhitespace(" \n "), "");
}

}  // namespace
}  // namespace parta::utf8
