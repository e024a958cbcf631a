#include "activity/activity_norms.h"

namespace parta::activity {

namespace {

constexpr std::int64_t kMinuteMs = 60 * 1000;
constexpr std::int64_t kDayMs = 24 * 60 * kMinuteMs;

// Division rounding towards minus infinity, so that days before 1970 land on the right week.
std::int64_t floorDiv(std::int64_t value, std::int64_t divisor) {
    const std::int64_t quotient = value / divisor;
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient;
}

}  // namespace

bool isActiveTeacherWeek(int messagesPosted) { return messagesPosted >= kTeacherActiveMessagesPerWeek; }

TargetState targetState(const Activation& activation, int targetPercent) {
    if (activation.expected <= 0) return TargetState::NothingExpected;
    const std::int64_t reached = std::int64_t{activation.activated} * 100;
    const std::int64_t needed = std::int64_t{activation.expected} * targetPercent;
    return reached >= needed ? TargetState::Met : TargetState::Missed;
}

std::optional<std::vector<Week>> recentWeeks(std::int64_t nowMs, int utcOffsetMinutes, int count) {
    if (count < 1 || count > kMaxReportWeeks) return std::nullopt;
    if (utcOffsetMinutes < kMinUtcOffsetMinutes || utcOffsetMinutes > kMaxUtcOffsetMinutes) return std::nullopt;
    const std::int64_t offsetMs = std::int64_t{utcOffsetMinutes} * kMinuteMs;
    const std::int64_t localDay = floorDiv(nowMs + offsetMs, kDayMs);
    // 1970-01-01, day 0, was a Thursday: three days after a Monday.
    const std::int64_t mondaysAgo = ((localDay + 3) % 7 + 7) % 7;
    const std::int64_t currentStart = (localDay - mondaysAgo) * kDayMs - offsetMs;
    std::vector<Week> weeks;
    weeks.reserve(static_cast<std::size_t>(count));
    for (int back = count - 1; back >= 0; --back) {
        const std::int64_t start = currentStart - back * 7 * kDayMs;
        weeks.push_back({start, start + 7 * kDayMs});
    }
    return weeks;
}

}  // namespace parta::activity
