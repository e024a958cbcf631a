// Permission decisions per second, natively. The workload is the generated policy cells
// (tests/tools/policy_cell_generator.h): every role, place and action, with fictional ids.
// Build Release: cmake -S . -B build/native-release -DCMAKE_BUILD_TYPE=Release.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "policy/decide.h"
#include "policy/policy_json.h"
#include "tools/policy_cell_generator.h"

namespace {

using namespace parta::policy;

const std::vector<cells::PolicyCell>& workload() {
    static const std::vector<cells::PolicyCell> generated = cells::generatePolicyCells();
    return generated;
}

// The mix the server sees: all kinds of decisions, allowed and denied.
void BM_DecideEveryCell(benchmark::State& state) {
    const auto& cells = workload();
    std::size_t next = 0;
    for (auto _ : state) {
        const cells::PolicyCell& cell = cells[next];
        benchmark::DoNotOptimize(decide(cell.subject->subject, cell.action, cell.target));
        next = next + 1 == cells.size() ? 0 : next + 1;
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel("decisions");
}
BENCHMARK(BM_DecideEveryCell);

// The commonest check of all: a student posting in their class chat.
void BM_DecideStudentPostsInClassChat(benchmark::State& state) {
    Subject student;
    student.roles = {SchoolRole::Student};
    student.studentOf = "5A";
    Target classChat;
    classChat.chat = ChatKind::ClassChat;
    classChat.classId = "5A";
    classChat.chatRole = ChatRole::Member;
    for (auto _ : state) benchmark::DoNotOptimize(decide(student, Action::Post, classChat));
    state.SetItemsProcessed(state.iterations());
    state.SetLabel("decisions");
}
BENCHMARK(BM_DecideStudentPostsInClassChat);

// What the UI asks when a chat opens: all 20 actions at once.
void BM_AllowedActions(benchmark::State& state) {
    const auto& cells = workload();
    std::size_t next = 0;
    for (auto _ : state) {
        const cells::PolicyCell& cell = cells[next];
        benchmark::DoNotOptimize(allowedActions(cell.subject->subject, cell.target));
        next = next + 1 == cells.size() ? 0 : next + 1;
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel("allowedActions calls");
}
BENCHMARK(BM_AllowedActions);

// The JSON path the wasm binding and the server take: parse, decide, serialize.
void BM_DecideJson(benchmark::State& state) {
    struct Request {
        std::string subject, action, target;
    };
    std::vector<Request> requests;
    for (const cells::PolicyCell& cell : workload()) {
        requests.push_back({dumpJson(toJson(cell.subject->subject)), "\"" + std::string(nameOf(cell.action)) + "\"",
                            dumpJson(toJson(cell.target))});
    }
    std::size_t next = 0;
    for (auto _ : state) {
        const Request& request = requests[next];
        benchmark::DoNotOptimize(decideJson(request.subject, request.action, request.target));
        next = next + 1 == requests.size() ? 0 : next + 1;
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel("decisions");
}
BENCHMARK(BM_DecideJson);

}  // namespace

BENCHMARK_MAIN();
