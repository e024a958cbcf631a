#include "sync/sync_schedule.h"

namespace parta::sync {

SyncSchedule::SyncSchedule(std::int64_t pollIntervalMs, Backoff backoff, std::function<std::uint32_t()> random)
    : pollIntervalMs_(pollIntervalMs), backoff_(backoff), random_(std::move(random)) {}

std::optional<std::int64_t> SyncSchedule::dueAt() const {
    if (inFlight_) return std::nullopt;
    return dueAtMs_;
}

void SyncSchedule::succeeded(bool more, std::int64_t nowMs) {
    inFlight_ = false;
    failures_ = 0;
    dueAtMs_ = more || requestedDuringFlight_ ? nowMs : nowMs + pollIntervalMs_;
    requestedDuringFlight_ = false;
}

void SyncSchedule::failed(std::int64_t nowMs) {
    inFlight_ = false;
    failures_ += 1;
    dueAtMs_ = nowMs + backoff_.delayMs(failures_, random_());
}

void SyncSchedule::requestNow() {
    // The answer of a sync already in flight may predate whatever prompted this request, so
    // another sync follows it at once.
    requestedDuringFlight_ = inFlight_;
    dueAtMs_ = 0;
    failures_ = 0;
}

}  // namespace parta::sync
