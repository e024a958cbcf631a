#include "policy/policy_json.h"

#include <vector>

#include "policy/decide.h"

namespace parta::policy {
namespace {

using nlohmann::json;

// Field-by-field reading of one JSON object; the first problem is kept with its path.
class ObjectReader {
public:
    ObjectReader(const json& object, std::string path, std::string& error)
        : object_(object), path_(std::move(path)), error_(error) {}

    bool isObject() {
        if (object_.is_object()) return true;
        return fail(path_, "must be an object, got " + describe(object_));
    }

    bool onlyFields(const std::vector<std::string_view>& known) {
        for (auto item = object_.begin(); item != object_.end(); ++item) {
            bool isKnown = false;
            for (const std::string_view name : known) isKnown = isKnown || item.key() == name;
            if (!isKnown) return fail(path_, "unknown field " + dumpJson(json(item.key())));
        }
        return true;
    }

    const json* find(const char* field) const {
        const auto found = object_.find(field);
        return found == object_.end() || found->is_null() ? nullptr : &*found;
    }

    bool string(const char* field, std::string& out) {
        const json* value = find(field);
        if (!value) return true;
        if (!value->is_string()) return fail(at(field), "must be a string, got " + describe(*value));
        out = value->get_ref<const std::string&>();
        return true;
    }

    bool boolean(const char* field, bool& out) {
        const json* value = find(field);
        if (!value) return true;
        if (!value->is_boolean()) return fail(at(field), "must be true or false, got " + describe(*value));
        out = value->get<bool>();
        return true;
    }

    bool strings(const char* field, std::vector<std::string>& out) {
        const json* value = find(field);
        if (!value) return true;
        if (!value->is_array()) return fail(at(field), "must be an array of strings, got " + describe(*value));
        for (std::size_t i = 0; i < value->size(); ++i) {
            const json& item = (*value)[i];
            if (!item.is_string()) return fail(at(field, i), "must be a string, got " + describe(item));
            out.push_back(item.get_ref<const std::string&>());
        }
        return true;
    }

    // A stable name from `field`, turned into an enum by `fromName`.
    template <typename Enum, typename FromName>
    bool name(const char* field, std::optional<Enum>& out, FromName fromName, const char* what) {
        const json* value = find(field);
        if (!value) return true;
        return nameValue(*value, at(field), out, fromName, what);
    }

    template <typename Enum, typename FromName>
    bool nameValue(const json& value, const std::string& path, std::optional<Enum>& out, FromName fromName,
                   const char* what) {
        if (!value.is_string()) return fail(path, "must be a string, got " + describe(value));
        out = fromName(value.get_ref<const std::string&>());
        if (!out) return fail(path, std::string("unknown ") + what + " " + dumpJson(value));
        return true;
    }

    std::string& error() { return error_; }

    std::string at(const char* field) const { return path_ + "." + field; }
    std::string at(const char* field, std::size_t index) const {
        return at(field) + "[" + std::to_string(index) + "]";
    }

    bool fail(const std::string& path, const std::string& problem) {
        if (error_.empty()) error_ = path + ": " + problem;
        return false;
    }

private:
    static std::string describe(const json& value) {
        switch (value.type()) {
            case json::value_t::object: return "an object";
            case json::value_t::array: return "an array";
            case json::value_t::string: return "a string";
            case json::value_t::boolean: return "a boolean";
            case json::value_t::null: return "null";
            case json::value_t::discarded: return "nothing";
            default: return "a number";
        }
    }

    const json& object_;
    std::string path_;
    std::string& error_;
};

const std::vector<std::string_view> kPersonFields = {"userId",  "roles",     "verified", "classTeacherOf",
                                                     "teaches", "studentOf", "children"};

bool readChildren(ObjectReader& reader, Subject& person) {
    const json* children = reader.find("children");
    if (!children) return true;
    if (!children->is_array()) return reader.fail(reader.at("children"), "must be an array of {userId, classId}");
    for (std::size_t i = 0; i < children->size(); ++i) {
        ObjectReader child((*children)[i], reader.at("children", i), reader.error());
        Child parsed;
        if (!child.isObject() || !child.onlyFields({"userId", "classId"}) || !child.string("userId", parsed.userId) ||
            !child.string("classId", parsed.classId)) {
            return false;
        }
        person.children.push_back(parsed);
    }
    return true;
}

// Subject fields, shared by the subject, the member of mute/remove and a direct chat's counterpart.
bool readPerson(ObjectReader& reader, Subject& person) {
    const json* roles = reader.find("roles");
    if (!roles || !roles->is_array() || roles->empty()) {
        return reader.fail(reader.at("roles"), "must list at least one school role");
    }
    for (std::size_t i = 0; i < roles->size(); ++i) {
        std::optional<SchoolRole> role;
        if (!reader.nameValue((*roles)[i], reader.at("roles", i), role, schoolRoleFromName, "school role")) {
            return false;
        }
        person.roles.push_back(*role);
    }
    return reader.string("userId", person.userId) && reader.boolean("verified", person.verified) &&
           reader.strings("classTeacherOf", person.classTeacherOf) && reader.strings("teaches", person.teaches) &&
           reader.string("studentOf", person.studentOf) && readChildren(reader, person);
}

std::optional<Subject> personFromJson(const json& object, const std::string& path, std::string& error,
                                      const std::vector<std::string_view>& fields) {
    ObjectReader reader(object, path, error);
    Subject person;
    if (!reader.isObject() || !reader.onlyFields(fields) || !readPerson(reader, person)) return std::nullopt;
    return person;
}

json personToJson(const Subject& person) {
    json object = json::object();
    if (!person.userId.empty()) object["userId"] = person.userId;
    json roles = json::array();
    for (const SchoolRole role : person.roles) roles.push_back(std::string(nameOf(role)));
    object["roles"] = roles;
    if (person.verified) object["verified"] = true;
    if (!person.classTeacherOf.empty()) object["classTeacherOf"] = person.classTeacherOf;
    if (!person.teaches.empty()) object["teaches"] = person.teaches;
    if (!person.studentOf.empty()) object["studentOf"] = person.studentOf;
    if (!person.children.empty()) {
        json children = json::array();
        for (const Child& child : person.children) children.push_back({{"userId", child.userId}, {"classId", child.classId}});
        object["children"] = children;
    }
    return object;
}

json parseText(std::string_view text) { return json::parse(text.begin(), text.end(), nullptr, false); }

json messageJson(const LocalizedText& message) {
    return {{"ru", std::string(message.ru)}, {"en", std::string(message.en)}};
}

}  // namespace

std::string dumpJson(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

Parsed<Subject> subjectFromJson(const json& object) {
    Parsed<Subject> parsed;
    parsed.value = personFromJson(object, "subject", parsed.error, kPersonFields);
    return parsed;
}

Parsed<Action> actionFromJson(const json& value) {
    Parsed<Action> parsed;
    ObjectReader reader(value, "action", parsed.error);
    reader.nameValue(value, "action", parsed.value, actionFromName, "action");
    return parsed;
}

Parsed<Target> targetFromJson(const json& object) {
    Parsed<Target> parsed;
    ObjectReader reader(object, "target", parsed.error);
    if (!reader.isObject() ||
        !reader.onlyFields({"chat", "classId", "chatRole", "member", "grantedRole", "counterpart", "invite"})) {
        return parsed;
    }
    Target target;
    if (!reader.name("chat", target.chat, chatKindFromName, "chat kind") || !reader.string("classId", target.classId) ||
        !reader.name("chatRole", target.chatRole, chatRoleFromName, "chat role") ||
        !reader.name("grantedRole", target.grantedRole, schoolRoleFromName, "school role")) {
        return parsed;
    }
    if (const json* member = reader.find("member")) {
        std::vector<std::string_view> fields = kPersonFields;
        fields.push_back("chatRole");
        std::optional<Subject> person = personFromJson(*member, reader.at("member"), parsed.error, fields);
        if (!person) return parsed;
        ObjectReader memberReader(*member, reader.at("member"), parsed.error);
        std::optional<ChatRole> chatRole = ChatRole::Member;
        if (!memberReader.name("chatRole", chatRole, chatRoleFromName, "chat role")) return parsed;
        target.member = ChatMember{*person, *chatRole};
    }
    if (const json* counterpart = reader.find("counterpart")) {
        target.counterpart = personFromJson(*counterpart, reader.at("counterpart"), parsed.error, kPersonFields);
        if (!target.counterpart) return parsed;
    }
    if (const json* invite = reader.find("invite")) {
        if (*invite != "own" && *invite != "any") {
            reader.fail(reader.at("invite"), "must be \"own\" or \"any\", got " + dumpJson(*invite));
            return parsed;
        }
        target.ownInvite = *invite == "own";
    }
    parsed.value = target;
    return parsed;
}

json toJson(const Subject& subject) { return personToJson(subject); }

json toJson(const Target& target) {
    json object = json::object();
    if (target.chat) object["chat"] = std::string(nameOf(*target.chat));
    if (!target.classId.empty()) object["classId"] = target.classId;
    if (target.chatRole) object["chatRole"] = std::string(nameOf(*target.chatRole));
    if (target.member) {
        json member = personToJson(target.member->person);
        member["chatRole"] = std::string(nameOf(target.member->chatRole));
        object["member"] = member;
    }
    if (target.grantedRole) object["grantedRole"] = std::string(nameOf(*target.grantedRole));
    if (target.counterpart) object["counterpart"] = personToJson(*target.counterpart);
    if (target.ownInvite) object["invite"] = "own";
    return object;
}

json toJson(const Decision& decision) {
    json object = {{"allowed", decision.allowed},
                   {"reason", std::string(reasonCode(decision.reason))},
                   {"message", messageJson(decision.message())}};
    if (!decision.regulation.empty()) object["regulation"] = std::string(decision.regulation);
    return object;
}

json invalidRequestJson(const std::string& error) {
    json object = toJson(Decision{false, Reason::InvalidRequest, {}});
    object["error"] = error;
    return object;
}

namespace {

struct Request {
    std::optional<Subject> subject;
    std::optional<Target> target;
    std::string error;
};

Request parseRequest(std::string_view subjectJson, std::string_view targetJson) {
    Request request;
    const json subjectValue = parseText(subjectJson);
    if (subjectValue.is_discarded()) {
        request.error = "subject: not valid JSON";
        return request;
    }
    Parsed<Subject> subject = subjectFromJson(subjectValue);
    if (!subject.ok()) {
        request.error = subject.error;
        return request;
    }
    const json targetValue = parseText(targetJson);
    if (targetValue.is_discarded()) {
        request.error = "target: not valid JSON";
        return request;
    }
    Parsed<Target> target = targetFromJson(targetValue);
    if (!target.ok()) {
        request.error = target.error;
        return request;
    }
    request.subject = std::move(subject.value);
    request.target = std::move(target.value);
    return request;
}

}  // namespace

std::string decideJson(std::string_view subjectJson, std::string_view actionJson, std::string_view targetJson) {
    const Request request = parseRequest(subjectJson, targetJson);
    if (!request.error.empty()) return dumpJson(invalidRequestJson(request.error));
    const json actionValue = parseText(actionJson);
    if (actionValue.is_discarded()) return dumpJson(invalidRequestJson("action: not valid JSON"));
    const Parsed<Action> action = actionFromJson(actionValue);
    if (!action.ok()) return dumpJson(invalidRequestJson(action.error));
    return dumpJson(toJson(decide(*request.subject, *action.value, *request.target)));
}

std::string allowedActionsJson(std::string_view subjectJson, std::string_view targetJson) {
    const Request request = parseRequest(subjectJson, targetJson);
    if (!request.error.empty()) {
        json answer = invalidRequestJson(request.error);
        answer.erase("allowed");
        answer["actions"] = json::array();
        return dumpJson(answer);
    }
    json actions = json::array();
    for (const Action action : allowedActions(*request.subject, *request.target)) {
        actions.push_back(std::string(nameOf(action)));
    }
    return dumpJson(json{{"actions", actions}});
}

}  // namespace parta::policy
