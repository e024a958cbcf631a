#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "store/records.h"

namespace parta::sync {

// SendMessage and SendChange both carry an outbox item: hand the answer to onSendResult.
enum class RequestKind { None, Sync, SendMessage, SendChange };

// What JS should fetch next. Core never touches the network: it only says what to ask and,
// through Client::applySync and Client::onSendResult, how to take the answer.
struct HttpRequest {
    RequestKind kind = RequestKind::None;
    std::string method;
    std::string path;      // relative to the school server's origin
    std::string body;      // JSON, for POST
    std::string clientId;  // SendMessage, SendChange: hand it back to onSendResult
    // None: the time at which something becomes due; absent when only new input can help.
    std::optional<std::int64_t> wakeAtMs;
};

HttpRequest syncRequest(const std::string& cursor, int limit);
// The request that delivers an outbox item of any kind (docs/protocol.md).
HttpRequest sendRequest(const store::OutboxItem& item);

}  // namespace parta::sync
