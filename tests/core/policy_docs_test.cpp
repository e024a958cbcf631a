// docs/permissions.md shows the policy tables and matrix rendered from the code; this keeps the
// checked-in copy from drifting. Native only: the wasm suite has no business with docs/.
#include <gtest/gtest.h>

#ifndef __EMSCRIPTEN__

#include <fstream>
#include <sstream>

#include "tools/permissions_markdown.h"

namespace parta::policy::docs {
namespace {

TEST(PermissionsDoc, MatchesTheTablesAndMatrixRenderedFromTheCode) {
    const std::string path = std::string(PARTA_DOCS_DIR) + "/permissions.md";
    std::ifstream file(path, std::ios::binary);
    ASSERT_TRUE(file) << "cannot open " << path;
    std::stringstream text;
    text << file.rdbuf();
    const std::optional<std::string> section = generatedSection(text.str());
    ASSERT_TRUE(section) << path << " lacks the generated-section markers";
    EXPECT_TRUE(*section == renderPermissionsMarkdown())
        << path << " is out of date; regenerate it with: "
        << "cmake --build build/native --target policy_cells && "
        << "build/native/tests/policy_cells --markdown docs/permissions.md";
}

}  // namespace
}  // namespace parta::policy::docs

#endif
