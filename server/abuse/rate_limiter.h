#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace parta::server {

// A token bucket per key (an address, a login): `perMinute` attempts at once, refilled evenly
// over a minute. Time comes from the caller (milliseconds since the epoch, as the API's clock
// gives it), so tests need no clock; a clock stepping back refills nothing.
//
// Memory is bounded: past `maxKeys` buckets, full ones (keys idle for a minute) are dropped; if
// every bucket is still in use, a new key is refused rather than let the table grow. Real use
// stays far below the bound, so only a flood of invented logins meets it.
class RateLimiter {
public:
    RateLimiter(int perMinute, std::size_t maxKeys = 100000);

    // Takes one token of `key`'s bucket; false when it has none left.
    bool allow(const std::string& key, std::int64_t nowMs);

private:
    struct Bucket {
        double tokens = 0;
        std::int64_t updatedMs = 0;
    };
    double refilled(const Bucket& bucket, std::int64_t nowMs) const;
    void dropIdleBuckets(std::int64_t nowMs);

    const double capacity_;
    const double tokensPerSecond_;
    const std::size_t maxKeys_;
    std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace parta::server
