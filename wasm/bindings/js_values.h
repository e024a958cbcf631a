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

template <typename T, typename Convert>
emscripten::val arrayToJs(const std::vector<T>& items, Convert convert) {
    emscripten::val array = emscripten::val::array();
    for (const T& item : items) array.call<void>("push", convert(item));
    return array;
}

}  // namespace parta::wasm
