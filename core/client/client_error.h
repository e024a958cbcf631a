#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/localized_text.h"

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
};

// `detail` is for developers: a field path or SQLite's message, never user data.
struct ClientError {
    ClientErrorCode code;
    std::string detail;
};

std::string_view errorCode(ClientErrorCode code);
LocalizedText errorMessage(ClientErrorCode code);

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
