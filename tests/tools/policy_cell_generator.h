#pragma once

// Generates the policy's cells: every school role (with its relations varied) × every place
// × every action, with the target details each action looks at. The GoogleTest table, the
// native cells file for the Chromium agreement test, the docs matrix and the benchmark all
// draw on the same cells. Names and ids are fictional.
#include <string>
#include <vector>

#include "policy/action.h"
#include "policy/subject.h"
#include "policy/target.h"

namespace parta::policy::cells {

// The class the relations are about, and a class the subject has nothing to do with.
inline constexpr const char* kOwnClass = "5A";
inline constexpr const char* kOtherClass = "6B";

struct NamedSubject {
    std::string name;  // "verified class teacher of 5A"
    Subject subject;
};

struct PolicyCell {
    const NamedSubject* subject;
    Action action;
    Target target;
};

// One of each role with its relations varied: verified or not, class teacher / subject
// teacher / unrelated teacher, a student and a parent of 5A, and a teacher who is also a parent.
const std::vector<NamedSubject>& subjectArchetypes();

std::vector<PolicyCell> generatePolicyCells();

// "verified class teacher of 5A | post | class_chat 6B as member", for failure messages.
std::string describe(const PolicyCell& cell);

}  // namespace parta::policy::cells
