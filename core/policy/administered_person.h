#pragma once

#include <optional>
#include <string_view>

#include "common/localized_text.h"
#include "policy/action.h"
#include "policy/subject.h"

namespace parta::policy {

// Decide judges who administers; this judges whom. An administration action is about one
// kind of person of the school, and the server refuses it for anybody else with the mismatch's
// code, the same on every endpoint:
// * verify_teacher and assign_class_teacher: a teacher (000 §2.1 «подтверждения статуса
//   «учитель»»; 003 §2.1 «закреплять за каждым классом учетные записи классного руководителя и
//   учителей»);
// * appoint_admin: staff, «из числа присоединившихся на платформу педагогических работников»
//   (000 §2.1, §2.2);
// * move_student: a student (001 §3.3.8 «движением обучающихся»).
// Any other action is about no one in particular and fits everybody.
enum class PersonMismatch { NotTeacher, NotStaff, NotStudent };

std::optional<PersonMismatch> administeredPersonMismatch(Action action, const Subject& person);

std::string_view mismatchCode(PersonMismatch mismatch);  // NOT_A_TEACHER, NOT_STAFF, NOT_A_STUDENT
LocalizedText mismatchMessage(PersonMismatch mismatch);

}  // namespace parta::policy
