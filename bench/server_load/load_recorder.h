#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace parta::bench {

// What the server process has used so far, from /proc/<pid>/stat and /proc/<pid>/status.
struct ProcessUsage {
    std::int64_t cpuMicros = 0;  // user + system
    std::int64_t rssKiB = 0;
};
ProcessUsage readProcessUsage(int pid);

// One step of the rising offered rate, as it was measured.
struct StepFigures {
    int index = 0;
    double offeredPerSecond = 0;
    double seconds = 0;
    std::int64_t sends = 0;            // messages the load client issued in the step
    std::int64_t sendsAnswered = 0;    // acknowledged by the server (ours answers each POST)
    std::int64_t expectedDeliveries = 0;
    std::int64_t deliveries = 0;       // of the step's messages, received by its deadline
    std::int64_t errors = 0;
    std::int64_t pollAnswers = 0;      // long-poll answers received during the step
    std::int64_t pollEvents = 0;       // message events in them
    std::int64_t p50Micros = -1;       // -1: more than half of the expected deliveries missing
    std::int64_t p99Micros = -1;       // -1: more than 1% missing by the deadline
    ProcessUsage serverBefore, serverAfter;

    double keptUp() const { return expectedDeliveries ? double(deliveries) / double(expectedDeliveries) : 0; }
    // The bar for a sustained step.
    bool sustained() const { return keptUp() >= 0.99 && p99Micros >= 0 && p99Micros < 1'000'000; }
};

// Counts what happens into the step it belongs to. A delivery belongs to the step its message
// was sent in (the send time travels in the text), so a step's figures are about its own
// messages even while the next step runs; it counts if it arrives by the step's end plus the
// grace. Everything else (sends, answers, errors) belongs to the step of its moment.
// Single-threaded: the load client's one io_context thread calls every method.
class LoadRecorder {
public:
    using Clock = std::chrono::steady_clock;

    LoadRecorder(std::int64_t stepMicros, std::int64_t graceMicros, int fanOut);

    std::int64_t nowMicros() const;
    // Steps start here; nothing before counts.
    void beginSteps(std::int64_t atMicros);
    int stepAt(std::int64_t micros) const;  // -1 before the steps
    std::int64_t stepStart(int step) const { return stepsBegin_ + step * stepMicros_; }
    std::int64_t deadline(int step) const { return stepStart(step + 1) + graceMicros_; }

    void sent(int step);
    void sendAnswered();
    void delivered(std::int64_t sentMicros, std::int64_t receivedMicros);
    void pollAnswered(int messageEvents);
    void error(const std::string& what);

    // Closes a step once its deadline has passed: percentiles over its expected deliveries.
    StepFigures close(int step, double offeredPerSecond, ProcessUsage before, ProcessUsage after);
    std::int64_t lateDeliveries() const { return late_; }
    const std::map<std::string, std::int64_t>& errorKinds() const { return errorKinds_; }

private:
    struct Open {
        StepFigures figures;
        std::vector<std::int32_t> latencies;
        bool closed = false;
    };
    Open& open(int step);

    Clock::time_point origin_ = Clock::now();
    std::int64_t stepMicros_;
    std::int64_t graceMicros_;
    int fanOut_;
    std::int64_t stepsBegin_ = -1;
    std::vector<Open> steps_;
    std::int64_t late_ = 0;  // arrived after their step was closed
    std::map<std::string, std::int64_t> errorKinds_;
};

}  // namespace parta::bench
