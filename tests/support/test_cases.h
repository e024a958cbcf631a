#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace parta::testing {

// Reads a shared case table from tests/cases/. The browser tests read the same files, so
// native, wasm-under-Node and Chromium runs are held to identical expectations.
nlohmann::json loadCaseTable(const std::string& fileName);

// GoogleTest parameter names allow only [A-Za-z0-9_]; case names are sentences.
std::string testNameFromSentence(const std::string& sentence);

}  // namespace parta::testing
