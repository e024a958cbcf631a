#include "abuse/rate_limiter.h"

#include <algorithm>

namespace parta::server {

RateLimiter::RateLimiter(int perMinute, std::size_t maxKeys)
    : capacity_(std::max(1, perMinute)), tokensPerSecond_(capacity_ / 60.0), maxKeys_(std::max<std::size_t>(1, maxKeys)) {}

double RateLimiter::refilled(const Bucket& bucket, std::int64_t nowMs) const {
    const double seconds = static_cast<double>(nowMs - bucket.updatedMs) / 1000.0;
    return std::min(capacity_, bucket.tokens + std::max(0.0, seconds) * tokensPerSecond_);
}

void RateLimiter::dropIdleBuckets(std::int64_t nowMs) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        it = refilled(it->second, nowMs) >= capacity_ ? buckets_.erase(it) : std::next(it);
    }
}

bool RateLimiter::allow(const std::string& key, std::int64_t nowMs) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = buckets_.find(key);
    if (found == buckets_.end()) {
        if (buckets_.size() >= maxKeys_) dropIdleBuckets(nowMs);
        if (buckets_.size() >= maxKeys_) return false;
        found = buckets_.emplace(key, Bucket{capacity_, nowMs}).first;
    }
    Bucket& bucket = found->second;
    bucket.tokens = refilled(bucket, nowMs);
    bucket.updatedMs = std::max(bucket.updatedMs, nowMs);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
}

}  // namespace parta::server
