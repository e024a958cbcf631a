#include "activity/activity_norms.h"
#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/query_number.h"
#include "client/json_text.h"
#include "policy/decide.h"

namespace parta::server {

namespace {

// A month of weeks: what a director's monthly look at the school needs, and cheap to count.
constexpr int kDefaultReportWeeks = 4;
// Moscow time, where most of the country's schools keep theirs; the app sends its own offset.
constexpr int kDefaultUtcOffsetMinutes = 180;

std::string_view targetName(activity::TargetState state) {
    switch (state) {
        case activity::TargetState::Met: return "met";
        case activity::TargetState::Missed: return "missed";
        case activity::TargetState::NothingExpected: return "nothing_expected";
    }
    return "nothing_expected";
}

void writeActivation(JsonText& json, std::string_view name, const activity::Activation& activation, int targetPercent) {
    json.key(name).beginObject();
    json.key("activated").number(activation.activated).key("expected").number(activation.expected);
    json.key("targetPercent").number(targetPercent);
    json.key("target").string(targetName(activity::targetState(activation, targetPercent)));
    json.endObject();
}

}  // namespace

Response activityStatistics(ApiContext& context, const Account& account, const Request& request) {
    const policy::Decision decision =
        policy::decide(account.subject, policy::Action::ViewActivityStats, policy::Target{});
    if (!decision.allowed) return policyRefusal(decision);
    const std::optional<std::int64_t> weekCount =
        queryNumber(request, "weeks", 1, activity::kMaxReportWeeks, kDefaultReportWeeks);
    if (!weekCount) return badRequest("weeks: expected an integer from 1 to " + std::to_string(activity::kMaxReportWeeks));
    const std::optional<std::int64_t> utcOffset =
        queryNumber(request, "utcOffsetMinutes", activity::kMinUtcOffsetMinutes, activity::kMaxUtcOffsetMinutes,
                    kDefaultUtcOffsetMinutes);
    if (!utcOffset) {
        return badRequest("utcOffsetMinutes: expected an integer from " + std::to_string(activity::kMinUtcOffsetMinutes) +
                          " to " + std::to_string(activity::kMaxUtcOffsetMinutes));
    }
    const std::vector<activity::Week> weeks =
        *activity::recentWeeks(context.nowMs(), static_cast<int>(*utcOffset), static_cast<int>(*weekCount));
    const std::vector<TeacherActivity> teachers = context.store.teacherActivity(account.schoolId, weeks);

    JsonText json;
    json.beginObject();
    json.key("weeks").beginArray();
    for (const activity::Week& week : weeks) {
        json.beginObject().key("start").number(week.startMs).key("end").number(week.endMs).endObject();
    }
    json.endArray();
    json.key("norms").beginObject();
    json.key("teacherActiveMessagesPerWeek").number(activity::kTeacherActiveMessagesPerWeek);
    json.key("studentParentActivationPercent").number(activity::kStudentParentActivationTargetPercent);
    json.key("teacherActivationPercent").number(activity::kTeacherActivationTargetPercent);
    json.endObject();

    activity::Activation teacherActivation{0, static_cast<int>(teachers.size())};
    std::vector<int> activePerWeek(weeks.size(), 0);
    json.key("teachers").beginObject().key("people").beginArray();
    for (const TeacherActivity& teacher : teachers) {
        if (teacher.verified) ++teacherActivation.activated;
        json.beginObject();
        json.key("id").number(teacher.userId).key("name").string(teacher.name).key("verified").boolean(teacher.verified);
        json.key("messagesPerWeek").beginArray();
        for (const int count : teacher.messagesPerWeek) json.number(count);
        json.endArray().key("activePerWeek").beginArray();
        for (std::size_t week = 0; week < teacher.messagesPerWeek.size(); ++week) {
            const bool active = activity::isActiveTeacherWeek(teacher.messagesPerWeek[week]);
            if (active) ++activePerWeek[week];
            json.boolean(active);
        }
        json.endArray().endObject();
    }
    json.endArray();
    json.key("activeTeachersPerWeek").beginArray();
    for (const int active : activePerWeek) json.number(active);
    json.endArray();
    writeActivation(json, "activation", teacherActivation, activity::kTeacherActivationTargetPercent);
    json.endObject();

    // Students and parents, per class against its roster (003 §2.2), and the school's whole.
    activity::Activation students, parents;
    json.key("classes").beginArray();
    for (const ClassActivation& schoolClass : context.store.classActivation(account.schoolId)) {
        const activity::Activation classStudents{schoolClass.activatedStudents, schoolClass.rosterStudents};
        const activity::Activation classParents{schoolClass.activatedParents, schoolClass.rosterParents};
        students.activated += classStudents.activated;
        students.expected += classStudents.expected;
        parents.activated += classParents.activated;
        parents.expected += classParents.expected;
        json.beginObject().key("classId").string(schoolClass.classId);
        writeActivation(json, "students", classStudents, activity::kStudentParentActivationTargetPercent);
        writeActivation(json, "parents", classParents, activity::kStudentParentActivationTargetPercent);
        json.key("unlistedStudents").number(schoolClass.unlistedStudents);
        json.key("unlistedParents").number(schoolClass.unlistedParents);
        json.endObject();
    }
    json.endArray();
    writeActivation(json, "students", students, activity::kStudentParentActivationTargetPercent);
    writeActivation(json, "parents", parents, activity::kStudentParentActivationTargetPercent);
    json.endObject();

    Response response;
    response.body = std::string(json.text());
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

}  // namespace parta::server
