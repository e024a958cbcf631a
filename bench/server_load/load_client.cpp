// parta-server-load: the load of `scripts/bench server` (docs/performance.md, "Our server
// against ejabberd"): the bench school's clients signed in and waiting for news, a hundred of
// them sending at a rising offered rate, step by step, until deliveries fall behind. One thread
// on one io_context, so the load takes as little of the machine as it can.
//
// Prints one line per step and, last, one line "summary {json}" for bench/server/server-load.mjs.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "load_recorder.h"
#include "parta_contender.h"
#include "xmpp_contender.h"

namespace {

namespace asio = boost::asio;
using namespace parta::bench;

constexpr const char* kUsage = R"(usage: parta-server-load --contender parta|ejabberd --port N --server-pid PID [flags]
  --clients N            signed-in clients (default 1000)
  --chats N              chats (default 30)
  --chats-per-client N   chats each client is in (default 3)
  --senders N            clients that send, spread evenly over the classes (default 100)
  --start-rate R         offered messages per second of the first step (default 100)
  --rate-factor F        each step offers F times the one before (default 1.5)
  --step-seconds S       length of a step (default 20)
  --max-steps N          stop after N steps if deliveries still keep up (default 10)
  --grace-seconds S      how long after its step a delivery still counts (default 1)
  --xmpp-domain D        ejabberd's host (default bench.parta.test); rooms on conference.D
)";

struct Flags {
    std::string contender;
    int port = 0;
    int serverPid = 0;
    BenchSchool school;
    int senders = 100;
    double startRate = 100;
    double rateFactor = 1.5;
    double stepSeconds = 20;
    int maxSteps = 10;
    double graceSeconds = 1;
    std::string xmppDomain = "bench.parta.test";
};

std::optional<Flags> parseFlags(int argc, char** argv) {
    Flags flags;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        const double number = std::atof(value.c_str());
        if (flag == "--contender") flags.contender = value;
        else if (flag == "--port") flags.port = static_cast<int>(number);
        else if (flag == "--server-pid") flags.serverPid = static_cast<int>(number);
        else if (flag == "--clients") flags.school.clients = static_cast<int>(number);
        else if (flag == "--chats") flags.school.chats = static_cast<int>(number);
        else if (flag == "--chats-per-client") flags.school.chatsPerClient = static_cast<int>(number);
        else if (flag == "--senders") flags.senders = static_cast<int>(number);
        else if (flag == "--start-rate") flags.startRate = number;
        else if (flag == "--rate-factor") flags.rateFactor = number;
        else if (flag == "--step-seconds") flags.stepSeconds = number;
        else if (flag == "--max-steps") flags.maxSteps = static_cast<int>(number);
        else if (flag == "--grace-seconds") flags.graceSeconds = number;
        else if (flag == "--xmpp-domain") flags.xmppDomain = value;
        else return std::nullopt;
    }
    const bool known = flags.contender == "parta" || flags.contender == "ejabberd";
    if (argc % 2 == 0 || !known || flags.port <= 0 || flags.serverPid <= 0 || !flags.school.valid() ||
        flags.senders < 1 || flags.senders > flags.school.clients || flags.startRate <= 0 || flags.rateFactor < 1 ||
        flags.stepSeconds <= 0 || flags.maxSteps < 1 || flags.maxSteps > 40 || flags.graceSeconds < 0) {
        return std::nullopt;
    }
    return flags;
}

// ~200 bytes of Russian after the send-time marker: what a class chat carries.
constexpr const char* kTexts[] = {
    "Ребята, завтра контрольная по математике: повторите дроби и задачи на движение, страницы 45–52.",
    "Напоминаю: в пятницу экскурсия в музей, сбор у школы в 9:00, с собой взять сменную обувь и обед.",
    "Кто может помочь с презентацией по истории? Нужно ещё три слайда про реформы Петра Первого.",
    "Домашнее задание по русскому языку: упражнение 214 и словарные слова, проверка будет в среду.",
};

std::string fixedWidth(double value, int width, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%*.*f", width, decimals, value);
    return text;
}

std::string millis(std::int64_t micros) {
    return micros < 0 ? "    late" : fixedWidth(double(micros) / 1000.0, 8, 1);
}

// Runs the steps: a timer every few milliseconds issues the sends that are due by then, round
// robin over the senders, each to the next of its chats; at every step boundary the server's
// usage is sampled, and a step is closed once its grace has passed.
class StepDriver {
public:
    StepDriver(asio::io_context& io, const Flags& flags, LoadRecorder& recorder, Contender& contender)
        : io_(io), flags_(flags), recorder_(recorder), contender_(contender), timer_(io) {}

    void begin() {
        const std::int64_t now = recorder_.nowMicros();
        recorder_.beginSteps(now);
        usageAtBoundary_.push_back(readProcessUsage(flags_.serverPid));
        std::cout << "step  offered/s  sends/s  answered/s  deliveries/s  kept-up   p50 ms   p99 ms  errors"
                     "  server CPU%  RSS MiB  CPU µs/delivery" << (contender_.hasLongPolls() ? "  events/answer" : "")
                  << std::endl;
        tick();
    }

private:
    static constexpr auto kTick = std::chrono::milliseconds(2);

    double rateOf(int step) const { return flags_.startRate * std::pow(flags_.rateFactor, step); }

    void tick() {
        const std::int64_t now = recorder_.nowMicros();
        const int step = recorder_.stepAt(now);
        while (static_cast<int>(usageAtBoundary_.size()) <= step) usageAtBoundary_.push_back(readProcessUsage(flags_.serverPid));
        if (sending_ && step >= flags_.maxSteps) sending_ = false;
        if (sending_) issueDue(step, now);
        if (closeDueSteps(now)) {
            finish();
            return;
        }
        timer_.expires_after(kTick);
        timer_.async_wait([this](boost::system::error_code error) {
            if (!error) tick();
        });
    }

    void issueDue(int step, std::int64_t now) {
        const double elapsed = double(now - recorder_.stepStart(step)) / 1e6;
        const auto due = static_cast<std::int64_t>(rateOf(step) * elapsed);
        if (step != issuingStep_) {
            issuingStep_ = step;
            issuedInStep_ = 0;
        }
        for (; issuedInStep_ < due; ++issuedInStep_) {
            const int sender = nextSender_;
            nextSender_ = (nextSender_ + 1) % flags_.senders;
            // Spread evenly over the school, so every class sends and every chat fans out.
            const int client = sender * (flags_.school.clients / flags_.senders);
            const int slot = static_cast<int>(sentBy_[client]++ % flags_.school.chatsPerClient);
            std::string text = "#" + std::to_string(now) + "# ";
            text += kTexts[issued_++ % std::size(kTexts)];
            contender_.send(client, slot, text);
            recorder_.sent(step);
        }
    }

    // Closes every step whose deadline has passed; true when the run is over.
    bool closeDueSteps(std::int64_t now) {
        while (nextToClose_ < flags_.maxSteps && now >= recorder_.deadline(nextToClose_) &&
               static_cast<int>(usageAtBoundary_.size()) > nextToClose_ + 1) {
            const int step = nextToClose_++;
            const StepFigures figures = recorder_.close(step, rateOf(step), usageAtBoundary_[static_cast<std::size_t>(step)],
                                                        usageAtBoundary_[static_cast<std::size_t>(step) + 1]);
            print(figures);
            steps_.push_back(figures);
            // The first step that falls behind ends the run: the rates only rise from here.
            if (!figures.sustained()) return true;
        }
        return nextToClose_ >= flags_.maxSteps;
    }

    void print(const StepFigures& f) const {
        const double cpuMicros = double(f.serverAfter.cpuMicros - f.serverBefore.cpuMicros);
        std::cout << fixedWidth(f.index + 1, 4, 0) << fixedWidth(f.offeredPerSecond, 11, 0)
                  << fixedWidth(double(f.sends) / f.seconds, 9, 0)
                  << (contender_.answersSends() ? fixedWidth(double(f.sendsAnswered) / f.seconds, 12, 0) : "           -")
                  << fixedWidth(double(f.deliveries) / f.seconds, 14, 0) << fixedWidth(100.0 * f.keptUp(), 9, 2) << "%"
                  << millis(f.p50Micros) << " " << millis(f.p99Micros) << fixedWidth(double(f.errors), 8, 0)
                  << fixedWidth(100.0 * cpuMicros / (f.seconds * 1e6), 12, 1)
                  << fixedWidth(double(f.serverAfter.rssKiB) / 1024.0, 9, 1)
                  << fixedWidth(f.deliveries ? cpuMicros / double(f.deliveries) : 0, 17, 2);
        if (contender_.hasLongPolls()) {
            std::cout << fixedWidth(f.pollAnswers ? double(f.pollEvents) / double(f.pollAnswers) : 0, 15, 2);
        }
        std::cout << (f.sustained() ? "" : "  (behind)") << std::endl;
    }

    void finish() {
        const StepFigures* best = nullptr;
        for (const StepFigures& figures : steps_) {
            if (figures.sustained()) best = &figures;
        }
        std::ostringstream json;
        json << "{\"contender\":\"" << flags_.contender << "\",\"steps\":[";
        for (std::size_t i = 0; i < steps_.size(); ++i) {
            const StepFigures& f = steps_[i];
            json << (i ? "," : "") << "{\"offered\":" << f.offeredPerSecond << ",\"sendsPerSecond\":" << double(f.sends) / f.seconds
                 << ",\"deliveriesPerSecond\":" << double(f.deliveries) / f.seconds << ",\"keptUp\":" << f.keptUp()
                 << ",\"p50Ms\":" << double(f.p50Micros) / 1000 << ",\"p99Ms\":" << double(f.p99Micros) / 1000
                 << ",\"errors\":" << f.errors << ",\"cpuMicros\":" << f.serverAfter.cpuMicros - f.serverBefore.cpuMicros
                 << ",\"rssKiB\":" << f.serverAfter.rssKiB << ",\"pollAnswers\":" << f.pollAnswers
                 << ",\"pollEvents\":" << f.pollEvents << ",\"sustained\":" << (f.sustained() ? "true" : "false") << "}";
        }
        json << "],\"sustained\":";
        if (best) {
            json << "{\"step\":" << best->index + 1 << ",\"deliveriesPerSecond\":" << double(best->deliveries) / best->seconds
                 << ",\"p99Ms\":" << double(best->p99Micros) / 1000 << "}";
        } else {
            json << "null";
        }
        json << ",\"issued\":" << issued_ << ",\"lateDeliveries\":" << recorder_.lateDeliveries() << ",\"errorKinds\":{";
        bool first = true;
        for (const auto& [kind, count] : recorder_.errorKinds()) {
            json << (first ? "" : ",") << "\"" << kind << "\":" << count;
            first = false;
        }
        json << "}}";
        if (best) {
            std::cout << "sustained: step " << best->index + 1 << ", " << fixedWidth(double(best->deliveries) / best->seconds, 0, 0)
                      << " deliveries/s, p99 " << millis(best->p99Micros) << " ms" << std::endl;
        } else {
            std::cout << "sustained: no step kept up" << std::endl;
        }
        std::cout << "summary " << json.str() << std::endl;
        io_.stop();
    }

    asio::io_context& io_;
    const Flags& flags_;
    LoadRecorder& recorder_;
    Contender& contender_;
    asio::steady_timer timer_;
    bool sending_ = true;
    int issuingStep_ = -1;
    std::int64_t issuedInStep_ = 0;
    std::int64_t issued_ = 0;
    int nextSender_ = 0;
    int nextToClose_ = 0;
    std::map<int, std::int64_t> sentBy_;
    std::vector<ProcessUsage> usageAtBoundary_;
    std::vector<StepFigures> steps_;
};

}  // namespace

int main(int argc, char** argv) {
    const std::optional<Flags> flags = parseFlags(argc, argv);
    if (!flags) {
        std::cerr << kUsage;
        return 2;
    }
    asio::io_context io(1);
    LoadRecorder recorder(static_cast<std::int64_t>(flags->stepSeconds * 1e6),
                          static_cast<std::int64_t>(flags->graceSeconds * 1e6), flags->school.fanOut());
    ContenderSetup setup{io, {asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(flags->port)}, flags->school,
                         recorder};
    std::unique_ptr<Contender> contender;
    if (flags->contender == "parta") {
        contender = std::make_unique<PartaContender>(setup);
    } else {
        contender = std::make_unique<XmppContender>(setup, flags->xmppDomain, "conference." + flags->xmppDomain);
    }
    StepDriver driver(io, *flags, recorder, *contender);
    const std::int64_t setupStart = recorder.nowMicros();
    asio::steady_timer settle(io);
    contender->connect([&] {
        std::cout << flags->contender << ": " << flags->school.clients << " clients signed in and waiting, in "
                  << fixedWidth(double(recorder.nowMicros() - setupStart) / 1e6, 0, 1) << " s" << std::endl;
        // Joins and first syncs still echo through the server for a moment; the steps start on a quiet one.
        settle.expires_after(std::chrono::seconds(2));
        settle.async_wait([&](boost::system::error_code) { driver.begin(); });
    });
    io.run();
    return 0;
}
