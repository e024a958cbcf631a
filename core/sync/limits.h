#pragma once

#include <cstddef>
#include <cstdint>

namespace parta::sync {

// The protocol's limits (docs/protocol.md, "Limits"). The server enforces the same numbers.
inline constexpr std::size_t kMaxMessageChars = 4096;
inline constexpr std::size_t kMaxNameChars = 256;
inline constexpr std::size_t kMaxCursorLength = 256;
inline constexpr std::size_t kMaxPageEvents = 10000;
// How deep objects and arrays may nest in an answer. The protocol's own structures nest six
// deep; the bound keeps a hostile answer from exhausting the stack of whatever walks it.
inline constexpr std::size_t kMaxJsonNesting = 32;
inline constexpr int kDefaultPageLimit = 1000;
// The events one change from the outbox may cause, as its answer carries them.
inline constexpr std::size_t kMaxChangeAnswerEvents = 16;
inline constexpr std::size_t kMaxAttachments = 10;
inline constexpr std::size_t kMaxMimeTypeLength = 128;
inline constexpr std::size_t kMinPollOptions = 2;
inline constexpr std::size_t kMaxPollOptions = 10;
// A person whose join request still waits holds no role yet, so reads and writes nothing
// until approved (docs/protocol.md, "Accept"); the policy denies a subject without roles all.
inline constexpr std::size_t kMinRoles = 0;
inline constexpr std::size_t kMaxRoles = 16;
// A school's class id, e.g. "5A"; me.classTeacherOf and me.teaches list at most kMaxClasses.
inline constexpr std::size_t kMaxClassIdChars = 64;
inline constexpr std::size_t kMaxClasses = 64;
inline constexpr std::size_t kMaxChildren = 16;
inline constexpr std::int64_t kMaxAttachmentBytes = std::int64_t{4} << 30;
// 9999-12-31T23:59:59.999Z: any later "time" is a server bug, not a date.
inline constexpr std::int64_t kMaxTimeMs = 253402300799999;

}  // namespace parta::sync
