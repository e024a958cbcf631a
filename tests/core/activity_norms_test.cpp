// The activity norms of 003 §2.1–2.2 (core/activity/activity_norms.h) and the weeks a report
// counts them in.
#include <gtest/gtest.h>

#include "activity/activity_norms.h"

namespace parta::activity {
namespace {

TEST(ActivityNorms, ATeacherIsActiveInAWeekWithThreeMessagesOrMore) {
    EXPECT_FALSE(isActiveTeacherWeek(0));
    EXPECT_FALSE(isActiveTeacherWeek(2));
    EXPECT_TRUE(isActiveTeacherWeek(3));
    EXPECT_TRUE(isActiveTeacherWeek(40));
}

TEST(ActivityNorms, ATargetIsMetOnlyWhenTheExactShareReachesIt) {
    const struct {
        Activation activation;
        int target;
        TargetState state;
    } rows[] = {
        {{9, 10}, 90, TargetState::Met},
        {{8, 10}, 90, TargetState::Missed},
        {{17, 19}, 90, TargetState::Missed},  // 89.47 %: rounding would call it 89 or 90
        {{18, 19}, 90, TargetState::Met},
        {{16, 16}, 100, TargetState::Met},
        {{15, 16}, 100, TargetState::Missed},
        {{0, 0}, 90, TargetState::NothingExpected},
        {{0, 0}, 100, TargetState::NothingExpected},
        {{0, 5}, 90, TargetState::Missed},
    };
    for (const auto& row : rows) {
        EXPECT_EQ(targetState(row.activation, row.target), row.state)
            << row.activation.activated << "/" << row.activation.expected << " against " << row.target << "%";
    }
}

constexpr std::int64_t kHourMs = 3600 * 1000;
constexpr std::int64_t kDayMs = 24 * kHourMs;
// 2026-12-02 10:00 UTC, a Wednesday; that week's Monday 00:00 UTC is 2026-11-30.
constexpr std::int64_t kWednesdayMs = 1796205600000;
constexpr std::int64_t kMondayUtcMs = 1795996800000;

TEST(ActivityNorms, WeeksRunFromMondayMidnightOldestFirstEndingWithTheCurrentOne) {
    const auto weeks = recentWeeks(kWednesdayMs, 0, 3);
    ASSERT_TRUE(weeks);
    ASSERT_EQ(weeks->size(), 3u);
    EXPECT_EQ(weeks->back().startMs, kMondayUtcMs);
    EXPECT_EQ(weeks->back().endMs, kMondayUtcMs + 7 * kDayMs);
    EXPECT_EQ(weeks->front().startMs, kMondayUtcMs - 14 * kDayMs);
    for (std::size_t i = 1; i < weeks->size(); ++i) EXPECT_EQ((*weeks)[i].startMs, (*weeks)[i - 1].endMs);
}

TEST(ActivityNorms, AWeekStartsAtTheSchoolsOwnMidnight) {
    // Moscow, UTC+3: Monday 00:00 there is Sunday 21:00 UTC.
    const auto moscow = recentWeeks(kWednesdayMs, 180, 1);
    ASSERT_TRUE(moscow);
    EXPECT_EQ(moscow->front().startMs, kMondayUtcMs - 3 * kHourMs);
    // Sunday 22:00 UTC is already Monday 01:00 in Moscow: the new week there, the old one in UTC.
    const std::int64_t sundayLate = kMondayUtcMs - 2 * kHourMs;
    EXPECT_EQ(recentWeeks(sundayLate, 180, 1)->front().startMs, kMondayUtcMs - 3 * kHourMs);
    EXPECT_EQ(recentWeeks(sundayLate, 0, 1)->front().startMs, kMondayUtcMs - 7 * kDayMs);
    // Kamchatka, UTC+12, and a week before 1970, where division rounds the other way.
    EXPECT_EQ(recentWeeks(kWednesdayMs, 720, 1)->front().startMs, kMondayUtcMs - 12 * kHourMs);
    const auto early = recentWeeks(-1, 0, 1);  // 1969-12-31, a Wednesday
    ASSERT_TRUE(early);
    EXPECT_EQ(early->front().startMs, -3 * kDayMs);
}

TEST(ActivityNorms, AReportOfNoWeeksTooManyOrAnImpossibleOffsetIsRefused) {
    EXPECT_FALSE(recentWeeks(kWednesdayMs, 0, 0));
    EXPECT_FALSE(recentWeeks(kWednesdayMs, 0, kMaxReportWeeks + 1));
    EXPECT_TRUE(recentWeeks(kWednesdayMs, 0, kMaxReportWeeks));
    EXPECT_FALSE(recentWeeks(kWednesdayMs, kMaxUtcOffsetMinutes + 1, 1));
    EXPECT_FALSE(recentWeeks(kWednesdayMs, kMinUtcOffsetMinutes - 1, 1));
}

}  // namespace
}  // namespace parta::activity
