#include "support/test_cases.h"

#include <cctype>
#include <fstream>
#include <stdexcept>

namespace parta::testing {

nlohmann::json loadCaseTable(const std::string& fileName) {
    const std::string path = std::string(PARTA_TEST_CASES_DIR) + "/" + fileName;
    std::ifstream file(path);
    if (!file) throw std::runtime_error("cannot open case table " + path);
    return nlohmann::json::parse(file);
}

std::string testNameFromSentence(const std::string& sentence) {
    std::string name;
    bool upperNext = true;
    for (const char c : sentence) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            name += upperNext ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
            upperNext = false;
        } else {
            upperNext = true;
        }
    }
    return name;
}

}  // namespace parta::testing
