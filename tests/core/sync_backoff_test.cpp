#include <gtest/gtest.h>

#include "sync/backoff.h"

namespace parta::sync {
namespace {

TEST(SyncBackoff, DoublesFromOneSecondWithinTheJitterBand) {
    const Backoff backoff;
    // random 0 gives the bottom of [d/2, d], a random equal to d/2 its top.
    EXPECT_EQ(backoff.delayMs(1, 0), 500);
    EXPECT_EQ(backoff.delayMs(1, 500), 1000);
    EXPECT_EQ(backoff.delayMs(2, 0), 1000);
    EXPECT_EQ(backoff.delayMs(3, 0), 2000);
    EXPECT_EQ(backoff.delayMs(4, 4000), 8000);
}

TEST(SyncBackoff, StaysWithinHalfToFullDelayForAnyRandomValue) {
    const Backoff backoff;
    for (std::uint32_t random : {0u, 1u, 12345u, 0x7FFFFFFFu, 0xFFFFFFFFu}) {
        const std::int64_t delay = backoff.delayMs(5, random);
        EXPECT_GE(delay, 8000);
        EXPECT_LE(delay, 16000);
    }
}

TEST(SyncBackoff, IsCappedAtFiveMinutesEvenAfterManyFailures) {
    const Backoff backoff;
    EXPECT_EQ(backoff.delayMs(10, 150000), 300000);
    EXPECT_EQ(backoff.delayMs(1000, 0xFFFFFFFFu) <= 300000, true);
    EXPECT_GE(backoff.delayMs(1000, 0), 150000);
}

}  // namespace
}  // namespace parta::sync
