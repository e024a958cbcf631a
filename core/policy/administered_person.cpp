#include "policy/administered_person.h"

namespace parta::policy {

std::optional<PersonMismatch> administeredPersonMismatch(Action action, const Subject& person) {
    switch (action) {
        case Action::VerifyTeacher:
        case Action::AssignClassTeacher:
            if (!person.has(SchoolRole::Teacher)) return PersonMismatch::NotTeacher;
            return std::nullopt;
        case Action::AppointAdmin:
            if (!person.isStaff()) return PersonMismatch::NotStaff;
            return std::nullopt;
        case Action::MoveStudent:
            if (!person.has(SchoolRole::Student)) return PersonMismatch::NotStudent;
            return std::nullopt;
        default: return std::nullopt;
    }
}

std::string_view mismatchCode(PersonMismatch mismatch) {
    switch (mismatch) {
        case PersonMismatch::NotTeacher: return "NOT_A_TEACHER";
        case PersonMismatch::NotStaff: return "NOT_STAFF";
        case PersonMismatch::NotStudent: return "NOT_A_STUDENT";
    }
    return "NOT_A_TEACHER";
}

LocalizedText mismatchMessage(PersonMismatch mismatch) {
    switch (mismatch) {
        case PersonMismatch::NotTeacher:
            return {"Это действие относится только к учителям.", "This applies to teachers only."};
        case PersonMismatch::NotStaff:
            return {"Администратором назначают только педагогического работника школы.",
                    "Only a member of the school's teaching staff can be made an admin."};
        case PersonMismatch::NotStudent:
            return {"Перевести в другой класс можно только обучающегося.", "Only a student can move to another class."};
    }
    return {"", ""};
}

}  // namespace parta::policy
