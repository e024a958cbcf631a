#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/localized_text.h"
#include "policy/reason.h"

namespace parta {

// Stable machine codes: the UI shows the sentence, tests and logs use the code.
enum class ClientErrorCode {
    StoreUnavailable,
    StorageFailed,
    StorageFull,
    BadSyncPage,
    EmptyText,
    TextTooLong,
    UnknownChat,
    NotEditable,
    BadPageRequest,
    ProfileNotSynced,
    InvalidArgument,
    UnknownMessage,
    NotOwnMessage,
    MessageDeleted,
    BadPollChoice,
    BadPoll,             // a poll to ask outside the protocol's limits (pollProblem)
    TooManyAttachments,  // above sync::kMaxAttachments on one message
    // The policy refused: the answer carries the policy's reason code and sentence, the very
    // ones the server's 403 carries (docs/permissions.md).
    NotAllowed,
};

// `detail` is for developers: a field path or SQLite's message, never user data.
struct ClientError {
    ClientError(ClientErrorCode code, std::string detail = {}, std::optional<policy::Reason> refusal = std::nullopt)
        : code(code), detail(std::move(detail)), refusal(refusal) {}

    ClientErrorCode code;
    std::string detail;
    std::optional<policy::Reason> refusal;  // NotAllowed: why
};

std::string_view errorCode(ClientErrorCode code);
LocalizedText errorMessage(ClientErrorCode code);
// The code and sentence an answer shows: the policy's own for a refusal.
std::string_view errorCode(const ClientError& error);
LocalizedText errorMessage(const ClientError& error);

// A value or the reason there is none. No exception leaves the Client.
template <typename T>
struct Result {
    std::optional<ClientError> error;
    T value{};

    bool ok() const { return !error.has_value(); }
};

// The value of operations that only succeed or fail.
struct Done {};

}  // namespace parta
