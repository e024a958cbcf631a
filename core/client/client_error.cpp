#include "client/client_error.h"

namespace parta {

std::string_view errorCode(ClientErrorCode code) {
    switch (code) {
        case ClientErrorCode::StoreUnavailable: return "STORE_UNAVAILABLE";
        case ClientErrorCode::StorageFailed: return "STORAGE_FAILED";
        case ClientErrorCode::StorageFull: return "STORAGE_FULL";
        case ClientErrorCode::BadSyncPage: return "BAD_SYNC_PAGE";
        case ClientErrorCode::EmptyText: return "EMPTY_TEXT";
        case ClientErrorCode::TextTooLong: return "TEXT_TOO_LONG";
        case ClientErrorCode::UnknownChat: return "UNKNOWN_CHAT";
        case ClientErrorCode::NotEditable: return "NOT_EDITABLE";
        case ClientErrorCode::BadPageRequest: return "BAD_PAGE_REQUEST";
        case ClientErrorCode::ProfileNotSynced: return "PROFILE_NOT_SYNCED";
        case ClientErrorCode::InvalidArgument: return "INVALID_ARGUMENT";
        case ClientErrorCode::UnknownMessage: return "UNKNOWN_MESSAGE";
        case ClientErrorCode::NotOwnMessage: return "NOT_OWN_MESSAGE";
        case ClientErrorCode::MessageDeleted: return "MESSAGE_DELETED";
        case ClientErrorCode::BadPollChoice: return "BAD_POLL_CHOICE";
        case ClientErrorCode::BadPoll: return "BAD_POLL";
        case ClientErrorCode::TooManyAttachments: return "TOO_MANY_ATTACHMENTS";
        case ClientErrorCode::NotAllowed: return "NOT_ALLOWED";
    }
    return "STORAGE_FAILED";
}

std::string_view errorCode(const ClientError& error) {
    return error.refusal ? policy::reasonCode(*error.refusal) : errorCode(error.code);
}

LocalizedText errorMessage(const ClientError& error) {
    return error.refusal ? policy::reasonMessage(*error.refusal) : errorMessage(error.code);
}

// The sentences say what the person can do, not what the code saw.
LocalizedText errorMessage(ClientErrorCode code) {
    switch (code) {
        case ClientErrorCode::StoreUnavailable:
            return {"Не удалось открыть сохранённые сообщения на этом устройстве. Перезапустите приложение.",
                    "Could not open the messages saved on this device. Restart the app."};
        case ClientErrorCode::StorageFailed:
            return {"Не удалось сохранить данные на устройстве. Проверьте, что на нём есть свободное место.",
                    "Could not save data on this device. Check that it has free space."};
        case ClientErrorCode::StorageFull:
            return {"На устройстве закончилось место для сообщений. Уменьшите число хранимых сообщений в настройках "
                    "или освободите место. Неотправленные сообщения сохранены.",
                    "This device has no room left for messages. Keep fewer messages in the settings or free up "
                    "space. Unsent messages are kept."};
        case ClientErrorCode::BadSyncPage:
            return {"Сервер прислал повреждённые данные. Сообщения обновятся при следующей попытке.",
                    "The server sent damaged data. Messages will update on the next attempt."};
        case ClientErrorCode::EmptyText:
            return {"Напишите текст сообщения.", "Write the message text."};
        case ClientErrorCode::TextTooLong:
            return {"Сообщение длиннее 4096 символов. Разделите его на несколько.",
                    "The message is longer than 4096 characters. Split it into several."};
        case ClientErrorCode::UnknownChat:
            return {"Этого чата нет на устройстве. Дождитесь обновления списка чатов.",
                    "This chat is not on this device. Wait for the chat list to update."};
        case ClientErrorCode::NotEditable:
            return {"Это сообщение уже у сервера: изменить или убрать его отсюда нельзя.",
                    "The server already has this message: it cannot be changed or removed here."};
        case ClientErrorCode::BadPageRequest:
            return {"Неверный запрос страницы сообщений.", "Invalid message page request."};
        case ClientErrorCode::ProfileNotSynced:
            return {"Профиль ещё не загружен. Дождитесь синхронизации.",
                    "Your profile has not loaded yet. Wait for sync to finish."};
        case ClientErrorCode::InvalidArgument:
            return {"Приложение обратилось к ядру с неверными данными. Перезапустите приложение.",
                    "The app called its core with invalid data. Restart the app."};
        case ClientErrorCode::UnknownMessage:
            return {"Этого сообщения нет на устройстве. Дождитесь обновления чата.",
                    "This message is not on this device. Wait for the chat to update."};
        case ClientErrorCode::NotOwnMessage:
            return {"Изменять можно только свои сообщения.", "You can only edit your own messages."};
        case ClientErrorCode::MessageDeleted:
            return {"Сообщение удалено.", "The message has been deleted."};
        case ClientErrorCode::BadPollChoice:
            return {"Выберите варианты из этого опроса; если он с одним ответом, то только один.",
                    "Choose options of this poll; only one if it allows a single answer."};
        case ClientErrorCode::BadPoll:
            return {"В опросе нужен вопрос (до 4096 символов) и от 2 до 10 вариантов ответа, каждый до 256 символов.",
                    "A poll needs a question (up to 4096 characters) and 2 to 10 answers of up to 256 characters each."};
        case ClientErrorCode::TooManyAttachments:
            return {"К одному сообщению можно приложить не больше 10 файлов.",
                    "One message can carry at most 10 files."};
        case ClientErrorCode::NotAllowed:
            return {"Это действие вам недоступно.", "You cannot do this."};
    }
    return errorMessage(ClientErrorCode::StorageFailed);
}

}  // namespace parta
