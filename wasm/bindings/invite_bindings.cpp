// JS face of core/invite. Each function converts arguments, calls core once and converts the
// result; every decision (what is valid, which message) is core's.
#include <emscripten/bind.h>

#include "bindings/js_values.h"
#include "common/localized_text.h"
#include "invite/invite_link.h"

namespace parta::wasm {
namespace {

using emscripten::val;

val parseResultToJs(const invite::InviteParseResult& result, Locale locale) {
    val object = newObject();
    object.set("ok", result.ok());
    if (result.ok()) {
        object.set("code", result.code);
        object.set("display", result.display);
    } else {
        object.set("error", std::string(invite::errorCode(*result.error)));
        object.set("message", std::string(invite::errorMessage(*result.error).in(locale)));
    }
    return object;
}

val parseInviteLinkInLocale(const std::string& input, const val& allowedHosts, const std::string& locale) {
    return parseResultToJs(invite::parseInviteLink(input, stringsFromJs(allowedHosts)),
                           localeFromTag(locale));
}

val parseInviteLink(const std::string& input, const val& allowedHosts) {
    return parseInviteLinkInLocale(input, allowedHosts, "ru");
}

val extractInviteLinks(const std::string& text, const val& allowedHosts) {
    return arrayToJs(invite::extractInviteLinks(text, stringsFromJs(allowedHosts)),
                     [](const invite::FoundInviteLink& found) {
                         val object = newObject();
                         object.set("link", found.link);
                         object.set("code", found.code);
                         object.set("display", found.display);
                         return object;
                     });
}

std::string formatInviteCode(const std::string& code) { return invite::formatInviteCode(code); }

std::string generateInviteCode() { return invite::generateInviteCode(); }

}  // namespace

EMSCRIPTEN_BINDINGS(parta_invite) {
    emscripten::function("parseInviteLink", &parseInviteLink);
    emscripten::function("parseInviteLink", &parseInviteLinkInLocale);
    emscripten::function("extractInviteLinks", &extractInviteLinks);
    emscripten::function("formatInviteCode", &formatInviteCode);
    emscripten::function("generateInviteCode", &generateInviteCode);
}

}  // namespace parta::wasm
