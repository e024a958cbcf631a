#include "sync/sync_cursor.h"

#include <algorithm>
#include <charconv>

namespace parta::server {

namespace {

constexpr std::string_view kPrefix = "v1-";

// A decimal int64 of at most 19 digits, no sign and no leading zero; the rest of the text.
std::optional<std::int64_t> readNumber(std::string_view& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    const std::size_t length = static_cast<std::size_t>(end - text.data());
    if (error != std::errc() || length == 0 || value < 0 || (length > 1 && text.front() == '0')) return std::nullopt;
    text.remove_prefix(length);
    return value;
}

}  // namespace

std::int64_t readableChatsDigest(const std::vector<std::int64_t>& chatIds) {
    std::vector<std::int64_t> sorted = chatIds;
    std::sort(sorted.begin(), sorted.end());
    // FNV-1a over the ids' bytes: not a secret, only a change detector for one person's chats.
    std::uint64_t digest = 14695981039346656037ull;
    for (const std::int64_t id : sorted) {
        for (int shift = 0; shift < 64; shift += 8) {
            digest ^= (static_cast<std::uint64_t>(id) >> shift) & 0xffu;
            digest *= 1099511628211ull;
        }
    }
    return static_cast<std::int64_t>(digest >> 1);
}

std::string encodeCursor(SyncCursor cursor) {
    std::string text = std::string(kPrefix) + std::to_string(cursor.schoolId) + "-" + std::to_string(cursor.eventId) +
                       "-" + std::to_string(cursor.profileVersion.value_or(0));
    if (cursor.readableChats) text += "-" + std::to_string(*cursor.readableChats);
    return text;
}

std::optional<SyncCursor> decodeCursor(std::string_view text) {
    if (text.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
    text.remove_prefix(kPrefix.size());
    if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
    const std::optional<std::int64_t> school = readNumber(text);
    if (!school || text.empty() || text.front() != '-') return std::nullopt;
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
    const std::optional<std::int64_t> event = readNumber(text);
    if (!event) return std::nullopt;
    if (text.empty()) return SyncCursor{*school, *event, std::nullopt, std::nullopt};
    if (text.front() != '-') return std::nullopt;
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
    const std::optional<std::int64_t> profile = readNumber(text);
    if (!profile) return std::nullopt;
    if (text.empty()) return SyncCursor{*school, *event, *profile, std::nullopt};
    if (text.front() != '-') return std::nullopt;
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-' || text.front() == '+') return std::nullopt;
    const std::optional<std::int64_t> readable = readNumber(text);
    if (!readable || !text.empty()) return std::nullopt;
    return SyncCursor{*school, *event, *profile, *readable};
}

}  // namespace parta::server
