#include "invite/invite_error.h"

namespace parta::invite {

std::string_view errorCode(InviteError error) {
    switch (error) {
        case InviteError::Empty: return "EMPTY";
        case InviteError::TooLong: return "TOO_LONG";
        case InviteError::BadScheme: return "BAD_SCHEME";
        case InviteError::HostNotAllowed: return "HOST_NOT_ALLOWED";
        case InviteError::BadUrl: return "BAD_URL";
        case InviteError::BadLength: return "BAD_LENGTH";
        case InviteError::BadAlphabet: return "BAD_ALPHABET";
        case InviteError::BadChecksum: return "BAD_CHECKSUM";
    }
    return "BAD_URL";
}

// The sentences tell a parent at a phone what to do next, not what the parser saw.
LocalizedText errorMessage(InviteError error) {
    switch (error) {
        case InviteError::Empty:
            return {"Введите код или ссылку-приглашение.", "Enter an invite code or link."};
        case InviteError::TooLong:
            return {"Текст слишком длинный для приглашения (больше 2048 символов).",
                    "The text is too long to be an invite (over 2048 characters)."};
        case InviteError::BadScheme:
            return {"Ссылка-приглашение должна начинаться с https:// или parta://.",
                    "An invite link must start with https:// or parta://."};
        case InviteError::HostNotAllowed:
            return {"Эта ссылка ведёт не на сервер вашей школы. Не открывайте её и спросите учителя.",
                    "This link does not lead to your school's server. Do not open it; ask your "
                    "teacher."};
        case InviteError::BadUrl:
            return {"Это не ссылка-приглашение или она повреждена. Скопируйте её целиком ещё раз.",
                    "This is not an invite link, or it is damaged. Copy the whole link again."};
        case InviteError::BadLength:
            return {"В коде приглашения 27 символов. Проверьте, что код введён полностью.",
                    "An invite code has 27 characters. Check that you entered all of it."};
        case InviteError::BadAlphabet:
            return {"В коде есть символ, которого в кодах не бывает. Коды состоят из латинских букв "
                    "и цифр.",
                    "The code contains a character that codes never use. Codes are made of Latin "
                    "letters and digits."};
        case InviteError::BadChecksum:
            return {"В коде опечатка. Сверьте каждый символ с приглашением.",
                    "The code has a typo. Check each character against the invite."};
    }
    return errorMessage(InviteError::BadUrl);
}

}  // namespace parta::invite
