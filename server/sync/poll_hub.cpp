#include "sync/poll_hub.h"

namespace parta::server {

std::uint64_t PollHub::generation(std::int64_t userId) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = generations_.find(userId);
    return found == generations_.end() ? 0 : found->second;
}

std::optional<PollHub::Ticket> PollHub::subscribe(std::int64_t userId, std::uint64_t seenGeneration, Wake wake) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = generations_.find(userId);
    if ((found == generations_.end() ? 0 : found->second) != seenGeneration) return std::nullopt;
    const Ticket ticket = nextTicket_++;
    waiters_.emplace(ticket, Waiter{userId, std::move(wake)});
    ticketsByUser_.emplace(userId, ticket);
    return ticket;
}

void PollHub::unsubscribe(Ticket ticket) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = waiters_.find(ticket);
    if (found == waiters_.end()) return;
    const auto [first, last] = ticketsByUser_.equal_range(found->second.userId);
    for (auto it = first; it != last; ++it) {
        if (it->second == ticket) {
            ticketsByUser_.erase(it);
            break;
        }
    }
    waiters_.erase(found);
}

void PollHub::notify(const std::vector<std::int64_t>& userIds) {
    std::vector<Wake> woken;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const std::int64_t userId : userIds) {
            ++generations_[userId];
            const auto [first, last] = ticketsByUser_.equal_range(userId);
            for (auto it = first; it != last; ++it) {
                const auto waiter = waiters_.find(it->second);
                woken.push_back(std::move(waiter->second.wake));
                waiters_.erase(waiter);
            }
            ticketsByUser_.erase(first, last);
        }
    }
    // Outside the lock: a woken poll reads the store and may subscribe again.
    for (Wake& wake : woken) wake();
}

std::size_t PollHub::waiting() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return waiters_.size();
}

void PollHub::cancelAll() {
    std::map<Ticket, Waiter> dropped;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        dropped.swap(waiters_);
        ticketsByUser_.clear();
    }
    // Destroyed outside the lock: a waiter holds its connection, and closing it takes locks.
}

}  // namespace parta::server
