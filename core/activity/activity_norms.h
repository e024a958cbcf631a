#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace parta::activity {

// The activity norms of 003_fd6978b9d158a3b4.txt §2.1–2.2, which the statistics an admin
// reports to the director (000 §2.1: «доводит до сведения руководителя статистические данные»)
// are measured against. The server computes the report with these; the app draws the targets
// from the report, so no norm is repeated outside core.

// 003 §2.2: «Активным считается учитель (классный руководитель), который опубликовал не менее
// 3 сообщений в неделю.»
inline constexpr int kTeacherActiveMessagesPerWeek = 3;
// 003 §2.2: «обеспечить достижение 90 % активации профилей обучающихся и их родителей».
inline constexpr int kStudentParentActivationTargetPercent = 90;
// 003 §2.1: «обеспечить достижение 100 % активации профилей педагогических работников».
inline constexpr int kTeacherActivationTargetPercent = 100;

// A report covers whole weeks, the current one included, at most a school year's worth.
inline constexpr int kMaxReportWeeks = 52;
// UTC offsets in use anywhere, in minutes: a school's week starts at its own midnight. A fixed
// offset names that midnight all year, since Russia keeps no daylight saving time (since 2014).
inline constexpr int kMinUtcOffsetMinutes = -12 * 60;
inline constexpr int kMaxUtcOffsetMinutes = 14 * 60;

bool isActiveTeacherWeek(int messagesPosted);

// How many of those expected have an activated profile.
struct Activation {
    int activated = 0;
    int expected = 0;
};

enum class TargetState {
    Met,
    Missed,
    // Nobody is expected: the roster is not kept yet, which a director must see as such rather
    // than as a target met.
    NothingExpected,
};

// Exact, in integers: 89.9 % does not meet a 90 % target.
TargetState targetState(const Activation& activation, int targetPercent);

// A calendar week, Monday 00:00 to the next Monday 00:00 in the school's local time, as epoch
// milliseconds: [startMs, endMs).
struct Week {
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;
};

// The `count` weeks that end with the one holding `nowMs`, oldest first; nullopt when `count`
// or the offset is out of range.
std::optional<std::vector<Week>> recentWeeks(std::int64_t nowMs, int utcOffsetMinutes, int count);

}  // namespace parta::activity
