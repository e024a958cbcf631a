// JS face of core/policy. Plain JS objects become JSON text, core parses and decides, and the
// JSON answer becomes a plain JS object again; every rule and every error message is core's.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "bindings/js_values.h"
#include "policy/policy_json.h"

namespace parta::wasm {
namespace {

using emscripten::val;

val decide(const val& subject, const val& action, const val& target) {
    return fromJsonText(policy::decideJson(jsonTextOf(subject), jsonTextOf(action), jsonTextOf(target)));
}

val allowedActions(const val& subject, const val& target) {
    return fromJsonText(policy::allowedActionsJson(jsonTextOf(subject), jsonTextOf(target)));
}

}  // namespace

EMSCRIPTEN_BINDINGS(parta_policy) {
    emscripten::function("decide", &decide);
    emscripten::function("allowedActions", &allowedActions);
}

}  // namespace parta::wasm
