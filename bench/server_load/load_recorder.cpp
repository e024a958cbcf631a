#include "load_recorder.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace parta::bench {

ProcessUsage readProcessUsage(int pid) {
    ProcessUsage usage;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    // The command name may hold spaces; the fields counted below start after its ')'.
    const std::size_t afterName = line.rfind(')');
    if (afterName != std::string::npos) {
        std::istringstream fields(line.substr(afterName + 2));
        std::string field;
        long long utime = 0, stime = 0;
        // Fields 3 … 13 of proc(5), then utime (14) and stime (15).
        for (int i = 3; i <= 13 && fields >> field; ++i) {
        }
        fields >> utime >> stime;
        const long ticksPerSecond = sysconf(_SC_CLK_TCK);
        usage.cpuMicros = (utime + stime) * 1'000'000 / ticksPerSecond;
    }
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0) usage.rssKiB = std::atoll(line.c_str() + 6);
    }
    return usage;
}

LoadRecorder::LoadRecorder(std::int64_t stepMicros, std::int64_t graceMicros, int fanOut)
    : stepMicros_(stepMicros), graceMicros_(graceMicros), fanOut_(fanOut) {}

std::int64_t LoadRecorder::nowMicros() const {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - origin_).count();
}

void LoadRecorder::beginSteps(std::int64_t atMicros) { stepsBegin_ = atMicros; }

int LoadRecorder::stepAt(std::int64_t micros) const {
    if (stepsBegin_ < 0 || micros < stepsBegin_) return -1;
    return static_cast<int>((micros - stepsBegin_) / stepMicros_);
}

LoadRecorder::Open& LoadRecorder::open(int step) {
    if (static_cast<std::size_t>(step) >= steps_.size()) steps_.resize(static_cast<std::size_t>(step) + 1);
    return steps_[static_cast<std::size_t>(step)];
}

void LoadRecorder::sent(int step) {
    Open& target = open(step);
    ++target.figures.sends;
    target.figures.expectedDeliveries += fanOut_;
}

void LoadRecorder::sendAnswered() {
    const int step = stepAt(nowMicros());
    if (step >= 0) ++open(step).figures.sendsAnswered;
}

void LoadRecorder::delivered(std::int64_t sentMicros, std::int64_t receivedMicros) {
    const int step = stepAt(sentMicros);
    if (step < 0) return;
    Open& target = open(step);
    if (target.closed || receivedMicros > deadline(step)) {
        ++late_;
        return;
    }
    ++target.figures.deliveries;
    target.latencies.push_back(static_cast<std::int32_t>(std::min<std::int64_t>(receivedMicros - sentMicros, INT32_MAX)));
}

void LoadRecorder::pollAnswered(int messageEvents) {
    const int step = stepAt(nowMicros());
    if (step < 0) return;
    Open& target = open(step);
    ++target.figures.pollAnswers;
    target.figures.pollEvents += messageEvents;
}

void LoadRecorder::error(const std::string& what) {
    ++errorKinds_[what];
    const int step = stepAt(nowMicros());
    if (step >= 0) ++open(step).figures.errors;
}

StepFigures LoadRecorder::close(int step, double offeredPerSecond, ProcessUsage before, ProcessUsage after) {
    Open& target = open(step);
    target.closed = true;
    StepFigures& figures = target.figures;
    figures.index = step;
    figures.offeredPerSecond = offeredPerSecond;
    figures.seconds = double(stepMicros_) / 1e6;
    figures.serverBefore = before;
    figures.serverAfter = after;
    // Ranked among all expected deliveries, the missing ones counted as slower than any that
    // came: a percentile that only looked at arrivals would flatter a server that drops news.
    std::vector<std::int32_t>& latencies = target.latencies;
    std::sort(latencies.begin(), latencies.end());
    const auto percentile = [&](double fraction) -> std::int64_t {
        const auto rank = static_cast<std::int64_t>(std::ceil(fraction * double(figures.expectedDeliveries)));
        if (rank < 1 || rank > static_cast<std::int64_t>(latencies.size())) return -1;
        return latencies[static_cast<std::size_t>(rank - 1)];
    };
    figures.p50Micros = percentile(0.50);
    figures.p99Micros = percentile(0.99);
    latencies = {};
    return figures;
}

}  // namespace parta::bench
