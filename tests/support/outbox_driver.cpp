#include "support/outbox_driver.h"

#include <gtest/gtest.h>

#include "support/sync_fixtures.h"

namespace parta::testing {

sync::HttpRequest nextOutboxRequest(Client& client, std::int64_t& now) {
    for (int step = 0; step < 20; ++step) {
        sync::HttpRequest request = client.nextRequest(now);
        if (request.kind == sync::RequestKind::SendMessage || request.kind == sync::RequestKind::SendChange) {
            return request;
        }
        if (request.kind == sync::RequestKind::Sync) {
            EXPECT_TRUE(client.applySync(page("c1", nlohmann::json::array()).dump(), now).ok());
        } else if (request.wakeAtMs) {
            now = *request.wakeAtMs;
        } else {
            break;
        }
    }
    ADD_FAILURE() << "no outbox request";
    return {};
}

}  // namespace parta::testing
