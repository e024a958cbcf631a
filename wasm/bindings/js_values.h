#pragma once

#include <emscripten/val.h>

#include <string>
#include <vector>

namespace parta::wasm {

// Type translation only: JS arrays and objects to C++ values and back.
inline std::vector<std::string> stringsFromJs(const emscripten::val& array) {
    return emscripten::vecFromJSArray<std::string>(array);
}

inline emscripten::val newObject() { return emscripten::val::object(); }

// Core's JSON faces take and give JSON text. JSON.stringify answers undefined for undefined or
// a function; the empty text then reaches core, which names that argument as missing or bad.
inline std::string jsonTextOf(const emscripten::val& value) {
    const emscripten::val text = emscripten::val::global("JSON").call<emscripten::val>("stringify", value);
    return text.isString() ? text.as<std::string>() : std::string();
}

// UTF-8 text to a JS string in one TextDecoder call. Embind's own std::string conversion
// copies the text once more and scans every byte twice in JS before it decodes: for a page of
// 50 messages (16 KB of JSON) that was a seventh of the call, beside the decoding itself.
inline emscripten::val jsStringOf(const std::string& utf8) {
    static const emscripten::val decoder = emscripten::val::global("TextDecoder").new_();
    const auto* bytes = reinterpret_cast<const unsigned char*>(utf8.data());
    return decoder.call<emscripten::val>("decode", emscripten::val(emscripten::typed_memory_view(utf8.size(), bytes)));
}

inline emscripten::val fromJsonText(const std::string& text) {
    return emscripten::val::global("JSON").call<emscripten::val>("parse", text);
}

template <typename T, typename Convert>
emscripten::val arrayToJs(const std::vector<T>& items, Convert convert) {
    emscripten::val array = emscripten::val::array();
    for (const T& item : items) array.call<void>("push", convert(item));
    return array;
}

}  // namespace parta::wasm
