#pragma once

#include <cstdint>
#include <functional>
#include <optional>

#include "sync/backoff.h"

namespace parta::sync {

// When to ask the server for the next sync page: at once on start, at once while the server
// says `more`, then every poll interval (or sooner when JS calls requestSync(), e.g. on a push
// or when the network returns); after failures, with backoff. One sync request at a time.
class SyncSchedule {
public:
    SyncSchedule(std::int64_t pollIntervalMs, Backoff backoff, std::function<std::uint32_t()> random);

    bool isDue(std::int64_t nowMs) const { return !inFlight_ && nowMs >= dueAtMs_; }
    // Absent while a request is in flight: its answer decides.
    std::optional<std::int64_t> dueAt() const;

    void started() { inFlight_ = true; }
    void succeeded(bool more, std::int64_t nowMs);
    void failed(std::int64_t nowMs);
    void requestNow();

private:
    std::int64_t pollIntervalMs_;
    Backoff backoff_;
    std::function<std::uint32_t()> random_;
    bool inFlight_ = false;
    std::int64_t dueAtMs_ = 0;
    int failures_ = 0;
    bool requestedDuringFlight_ = false;
};

}  // namespace parta::sync
