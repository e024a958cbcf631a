#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

namespace parta::server {

// Who is waiting for what: each waiting long-poll is subscribed under its user, and a new
// event wakes exactly the users who may see it (the members of its chat), at once. Nothing
// here blocks a thread.
//
// A per-user generation closes the gap between "read the log, found nothing" and "subscribe":
// a waiter reads the generation before the log, and subscribing with a generation that is no
// longer current fails, so the waiter reads again instead of sleeping through the event.
class PollHub {
public:
    using Wake = std::function<void()>;
    using Ticket = std::uint64_t;

    std::uint64_t generation(std::int64_t userId) const;
    // Wake runs once, on the notifying thread, at the next notify of userId. nullopt, with
    // nothing subscribed, when a notify came after `seenGeneration` was read.
    std::optional<Ticket> subscribe(std::int64_t userId, std::uint64_t seenGeneration, Wake wake);
    void unsubscribe(Ticket ticket);
    void notify(const std::vector<std::int64_t>& userIds);

    std::size_t waiting() const;
    // Drops every waiter without waking it: for shutting down.
    void cancelAll();

private:
    struct Waiter {
        std::int64_t userId;
        Wake wake;
    };
    mutable std::mutex mutex_;
    std::unordered_map<std::int64_t, std::uint64_t> generations_;
    std::multimap<std::int64_t, Ticket> ticketsByUser_;
    std::map<Ticket, Waiter> waiters_;
    Ticket nextTicket_ = 1;
};

}  // namespace parta::server
