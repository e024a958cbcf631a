// Any response text must be handled without crashing, and with an oracle for what handling it
// means (docs/protocol.md, "How the client applies a page"):
// * a rejected page names a field and leaves the visible state as it was;
// * an applied page, applied again, leaves what applying it once left;
// * the same page cut in two at an event leaves what the whole page left.
// Two stores follow the same inputs, one page whole and one cut, so each input meets the state
// the earlier ones left, and the two must always look the same.
#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "client/client.h"
#include "support/visible_state.h"

namespace {

const std::vector<std::string> kSearchWords = {"ёлка", "сбор"};

void require(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "apply_sync_fuzzer: %s\n", what);
    std::abort();
}

parta::Client& wholePages() {
    static parta::Client shared(parta::ClientOptions{});
    return shared;
}

parta::Client& cutPages() {
    static parta::Client shared(parta::ClientOptions{});
    return shared;
}

// What both stores show after the previous input; they start empty and equal.
std::string& lastState() {
    static std::string state = parta::testing::visibleState(wholePages(), kSearchWords);
    return state;
}

std::string pageOf(const nlohmann::json& page, std::size_t from, std::size_t to) {
    nlohmann::json part = page;
    part["events"] = nlohmann::json::array();
    for (std::size_t i = from; i < to; ++i) part["events"].push_back(page["events"][i]);
    return part.dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    parta::Client& whole = wholePages();
    const std::string before = lastState();

    const auto result = whole.applySync(input, 0);
    if (!result.ok()) {
        require(errorCode(result.error->code) == "BAD_SYNC_PAGE", "a rejected page is BAD_SYNC_PAGE");
        require(!result.error->detail.empty(), "a rejected page names its field");
        require(parta::testing::visibleState(whole, kSearchWords) == before, "a rejected page changes nothing");
        return 0;
    }
    const std::string once = parta::testing::visibleState(whole, kSearchWords);
    require(whole.applySync(input, 0).ok(), "an applied page applies again");
    require(parta::testing::visibleState(whole, kSearchWords) == once, "a page applied twice leaves what it left once");

    // The page was valid, so it is one JSON document with an events array.
    const nlohmann::json page = nlohmann::json::parse(input);
    const std::size_t events = page["events"].size();
    const std::size_t cut = events == 0 ? 0 : size % (events + 1);
    parta::Client& split = cutPages();
    require(split.applySync(pageOf(page, 0, cut), 0).ok(), "the first part of a valid page applies");
    require(split.applySync(pageOf(page, cut, events), 0).ok(), "the second part of a valid page applies");
    require(parta::testing::visibleState(split, kSearchWords) == once, "a page cut in two leaves what the whole page left");
    lastState() = once;
    return 0;
}
