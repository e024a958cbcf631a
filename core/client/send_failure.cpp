#include "client/send_failure.h"

#include "client/client_error.h"
#include "policy/reason.h"

namespace parta {

namespace {

// The client errors the server answers under the same code (docs/protocol.md, "Answers").
constexpr ClientErrorCode kSharedCodes[] = {
    ClientErrorCode::EmptyText,     ClientErrorCode::TextTooLong,    ClientErrorCode::UnknownChat,
    ClientErrorCode::UnknownMessage, ClientErrorCode::NotOwnMessage, ClientErrorCode::MessageDeleted,
    ClientErrorCode::NotEditable,   ClientErrorCode::BadPollChoice,
};

}  // namespace

LocalizedText sendFailureMessage(std::string_view failureCode) {
    if (const std::optional<policy::Reason> reason = policy::reasonFromCode(failureCode)) {
        return policy::reasonMessage(*reason);
    }
    for (const ClientErrorCode code : kSharedCodes) {
        if (errorCode(code) == failureCode) return errorMessage(code);
    }
    return {"Сервер не принял это. Попробуйте ещё раз или удалите.",
            "The server did not accept this. Try again or discard it."};
}

}  // namespace parta
