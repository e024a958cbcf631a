// A class's roster: the students and parents the school's records list for it, kept by the
// admin and reconciled once a quarter (003 §2.1), with an export for that reconciliation.
#include "api/administration_answers.h"
#include "api/endpoint_answers.h"
#include "api/endpoints.h"
#include "api/json_body.h"
#include "client/json_text.h"
#include "http/error_response.h"
#include "policy/decide.h"

namespace parta::server {

namespace {

constexpr std::size_t kMaxClassIdChars = 64;
constexpr std::size_t kMaxNameChars = 256;

std::optional<Response> rosterRefusal(const Account& account) {
    const policy::Decision decision = policy::decide(account.subject, policy::Action::ManageRoster, policy::Target{});
    if (!decision.allowed) return policyRefusal(decision);
    return std::nullopt;
}

Response unknownEntry() {
    return errorResponse(404, "UNKNOWN_ROSTER_ENTRY", {"Такой записи в списке класса нет.", "There is no such roster entry."});
}

Response entryAnswer(int status, const RosterEntry& entry) {
    JsonText json;
    json.beginObject().key("entry");
    writeRosterEntry(json, entry);
    json.endObject();
    return noStoreJson(status, json);
}

// One CSV field. Excel in a Russian locale splits on ';'. A field that would start a formula
// is prefixed with an apostrophe (OWASP "CSV injection"): names are typed by people.
void appendCsvField(std::string& out, std::string_view value) {
    const bool formula = !value.empty() && (value.front() == '=' || value.front() == '+' || value.front() == '-' ||
                                            value.front() == '@' || value.front() == '\t' || value.front() == '\r');
    out += '"';
    if (formula) out += '\'';
    for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void appendCsvRow(std::string& out, std::initializer_list<std::string_view> fields) {
    bool first = true;
    for (const std::string_view field : fields) {
        if (!first) out += ';';
        first = false;
        appendCsvField(out, field);
    }
    out += "\r\n";
}

}  // namespace

Response listRoster(ApiContext& context, const Account& account, const Request& request) {
    if (std::optional<Response> refusal = rosterRefusal(account)) return *refusal;
    const std::optional<std::string> classId = request.decodedQueryParameter("classId");
    if (!classId) return badRequest("classId: a broken percent-escape");
    if (classId->empty()) return badRequest("classId: required");
    if (!context.store.classExists(account.schoolId, *classId)) return unknownClass();
    JsonText json;
    json.beginObject().key("classId").string(*classId).key("entries").beginArray();
    for (const RosterEntry& entry : context.store.roster(account.schoolId, *classId)) writeRosterEntry(json, entry);
    // What an entry may be matched to, so that the screen offers only what a match accepts.
    json.endArray().key("accounts").beginObject();
    for (const RosterKind kind : {RosterKind::Student, RosterKind::Parent}) {
        json.key(kind == RosterKind::Student ? "student" : "parent").beginArray();
        for (const store::User& candidate : context.store.rosterAccounts(account.schoolId, *classId, kind)) {
            json.beginObject().key("id").number(candidate.id).key("name").string(candidate.name).endObject();
        }
        json.endArray();
    }
    json.endObject().endObject();
    return noStoreJson(200, json);
}

Response addRosterEntry(ApiContext& context, const Account& account, const Request& request) {
    JsonBody body(request.body, {"classId", "kind", "name"});
    const std::string classId = body.text("classId", 1, kMaxClassIdChars);
    const std::string kind = body.text("kind", 1, 16);
    const std::string name = body.text("name", 1, kMaxNameChars);
    if (!body.ok()) return badRequest(body.error());
    if (kind != "student" && kind != "parent") return badRequest("kind: expected \"student\" or \"parent\"");
    if (std::optional<Response> refusal = rosterRefusal(account)) return *refusal;
    if (!context.store.classExists(account.schoolId, classId)) return unknownClass();
    const std::int64_t id = context.store.addRosterEntry(
        {account.schoolId, account.userId, context.nowMs()},
        {classId, kind == "student" ? RosterKind::Student : RosterKind::Parent, name});
    const std::optional<RosterEntry> entry = context.store.rosterEntry(account.schoolId, id);
    if (!entry) return storageFailedResponse();
    return entryAnswer(201, *entry);
}

Response linkRosterEntry(ApiContext& context, const Account& account, std::int64_t entryId, const Request& request) {
    JsonBody body(request.body, {"userId"});
    const std::optional<std::int64_t> userId = body.optionalId("userId");
    if (!body.ok()) return badRequest(body.error());
    if (std::optional<Response> refusal = rosterRefusal(account)) return *refusal;
    switch (context.store.linkRosterEntry({account.schoolId, account.userId, context.nowMs()}, entryId, userId)) {
        case RosterLink::UnknownEntry: return unknownEntry();
        case RosterLink::NotOfClass:
            return errorResponse(409, "NOT_OF_CLASS",
                                 {"Этот человек не относится к классу: он не ученик класса и не родитель ученика.",
                                  "This person is neither a student of the class nor a parent of one."});
        case RosterLink::AccountTaken:
            return errorResponse(409, "ACCOUNT_TAKEN", {"Этот аккаунт уже сопоставлен с другой записью списка класса.",
                                                        "This account is already matched to another entry of the roster."});
        case RosterLink::Linked:
        case RosterLink::Unchanged: break;
    }
    const std::optional<RosterEntry> entry = context.store.rosterEntry(account.schoolId, entryId);
    if (!entry) return unknownEntry();
    return entryAnswer(200, *entry);
}

Response removeRosterEntry(ApiContext& context, const Account& account, std::int64_t entryId) {
    if (std::optional<Response> refusal = rosterRefusal(account)) return *refusal;
    if (!context.store.removeRosterEntry({account.schoolId, account.userId, context.nowMs()}, entryId)) return unknownEntry();
    Response response;
    response.status = 204;
    return response;
}

Response exportRoster(ApiContext& context, const Account& account, const Request& request) {
    if (std::optional<Response> refusal = rosterRefusal(account)) return *refusal;
    const std::optional<std::string> classId = request.decodedQueryParameter("classId");
    if (!classId) return badRequest("classId: a broken percent-escape");
    std::vector<std::string> classIds;
    if (!classId->empty()) {
        if (!context.store.classExists(account.schoolId, *classId)) return unknownClass();
        classIds.push_back(*classId);
    } else {
        for (const SchoolClass& schoolClass : context.store.classes(account.schoolId)) classIds.push_back(schoolClass.id);
    }
    // The byte-order mark makes spreadsheet programs read the file as UTF-8, Cyrillic and all.
    std::string csv = "\xEF\xBB\xBF";
    appendCsvRow(csv, {"Класс", "Список", "ФИО по списку", "Аккаунт", "Активирован"});
    for (const std::string& id : classIds) {
        for (const RosterEntry& entry : context.store.roster(account.schoolId, id)) {
            appendCsvRow(csv, {entry.classId, entry.kind == RosterKind::Student ? "ученик" : "родитель", entry.name,
                               entry.account ? std::string_view(entry.account->name) : std::string_view(),
                               entry.activated ? "да" : "нет"});
        }
    }
    Response response;
    response.body = std::move(csv);
    response.contentType = "text/csv; charset=utf-8";
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"roster.csv\"");
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

}  // namespace parta::server
