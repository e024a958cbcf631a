#pragma once

// The JSON shape of policy requests and decisions (docs/permissions.md). The wasm binding and
// the server both speak it, so neither repeats any rule. Malformed input never throws: it
// comes back as an error value naming the field at fault.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "policy/action.h"
#include "policy/decision.h"
#include "policy/subject.h"
#include "policy/target.h"

namespace parta::policy {

template <typename T>
struct Parsed {
    std::optional<T> value;
    std::string error;  // "subject.roles[1]: unknown role \"king\"" when value is empty

    bool ok() const { return value.has_value(); }
};

Parsed<Subject> subjectFromJson(const nlohmann::json& json);
Parsed<Action> actionFromJson(const nlohmann::json& json);
Parsed<Target> targetFromJson(const nlohmann::json& json);

nlohmann::json toJson(const Subject& subject);
nlohmann::json toJson(const Target& target);
// {"allowed", "reason", "message": {"ru", "en"}, "regulation"?}
nlohmann::json toJson(const Decision& decision);
nlohmann::json invalidRequestJson(const std::string& error);

// Whole requests on JSON text. decideJson answers with a decision object (reason
// INVALID_REQUEST plus "error" for malformed input); allowedActionsJson with
// {"actions": [names]} or {"actions": [], "reason": "INVALID_REQUEST", "message", "error"}.
std::string decideJson(std::string_view subjectJson, std::string_view actionJson, std::string_view targetJson);
std::string allowedActionsJson(std::string_view subjectJson, std::string_view targetJson);

// JSON text that cannot fail on odd UTF-8 in user-supplied strings.
std::string dumpJson(const nlohmann::json& json);

}  // namespace parta::policy
