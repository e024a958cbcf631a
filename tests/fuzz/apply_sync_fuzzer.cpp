// Any response text must be handled without crashing: either rejected with a named field and
// no change to the store, or applied so that applying it again changes nothing.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "client/client.h"

namespace {

void require(bool condition) {
    if (!condition) std::abort();
}

parta::Client& client() {
    // One in-memory store for the whole run, so later inputs meet state earlier ones left.
    static parta::Client shared(parta::ClientOptions{});
    return shared;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    parta::Client& store = client();

    const auto before = store.chats(200);
    require(before.ok());
    const auto result = store.applySync(input, 0);
    if (!result.ok()) {
        require(errorCode(result.error->code) == "BAD_SYNC_PAGE");
        require(!result.error->detail.empty());
        const auto after = store.chats(200);
        require(after.ok() && after.value.size() == before.value.size());
        return 0;
    }
    const auto once = store.chats(200);
    require(once.ok());
    require(store.applySync(input, 0).ok());
    const auto twice = store.chats(200);
    require(twice.ok() && twice.value.size() == once.value.size());
    for (std::size_t i = 0; i < once.value.size(); ++i) {
        require(once.value[i].chat.id == twice.value[i].chat.id);
        require(once.value[i].unreadCount == twice.value[i].unreadCount);
    }
    return 0;
}
