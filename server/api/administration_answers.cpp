#include "api/administration_answers.h"

#include "policy/school_role.h"

namespace parta::server {

namespace {

void writeTexts(JsonText& json, std::string_view name, const std::vector<std::string>& texts) {
    json.key(name).beginArray();
    for (const std::string& text : texts) json.string(text);
    json.endArray();
}

void writePersonRef(JsonText& json, const store::User& user) {
    json.beginObject().key("id").number(user.id).key("name").string(user.name).endObject();
}

}  // namespace

void writeSchoolPerson(JsonText& json, const SchoolPerson& person) {
    const policy::Subject& subject = person.subject;
    json.beginObject();
    json.key("id").number(person.user.id).key("name").string(person.user.name).key("role").string(person.user.role);
    json.key("roles").beginArray();
    for (const policy::SchoolRole role : subject.roles) json.string(policy::nameOf(role));
    json.endArray();
    json.key("verified").boolean(subject.verified);
    if (!subject.studentOf.empty()) json.key("studentOf").string(subject.studentOf);
    writeTexts(json, "classTeacherOf", subject.classTeacherOf);
    writeTexts(json, "teaches", subject.teaches);
    // The policy's Subject names people by their id as text; the protocol's ids are numbers.
    json.key("childIds").beginArray();
    for (const policy::Child& child : subject.children) json.number(std::stoll(child.userId));
    json.endArray();
    json.endObject();
}

void writeSchoolClass(JsonText& json, const SchoolClass& schoolClass) {
    json.beginObject().key("id").string(schoolClass.id);
    json.key("classTeachers").beginArray();
    for (const store::User& teacher : schoolClass.classTeachers) writePersonRef(json, teacher);
    json.endArray().key("subjectTeachers").beginArray();
    for (const store::User& teacher : schoolClass.subjectTeachers) writePersonRef(json, teacher);
    json.endArray().key("students").number(schoolClass.students).endObject();
}

void writeRosterEntry(JsonText& json, const RosterEntry& entry) {
    json.beginObject().key("id").number(entry.id).key("classId").string(entry.classId);
    json.key("kind").string(entry.kind == RosterKind::Student ? "student" : "parent").key("name").string(entry.name);
    json.key("account");
    if (entry.account) {
        writePersonRef(json, *entry.account);
    } else {
        json.null();
    }
    json.key("activated").boolean(entry.activated).key("createdAt").number(entry.createdAt).endObject();
}

}  // namespace parta::server
