// Native reference answers for the cross-backend checks, and the docs generator:
//   policy_cells CELLS.json                 every generated cell with its native decision, for
//                                           tests/browser/policy.test.mjs (PARTA_POLICY_CELLS)
//   policy_cells --markdown PERMISSIONS.md  rewrites the generated part of docs/permissions.md
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>

#include "policy/decide.h"
#include "policy/policy_json.h"
#include "tools/permissions_markdown.h"
#include "tools/policy_cell_generator.h"

namespace {

using nlohmann::json;
using namespace parta::policy;

json cellsDocument() {
    json decisions = json::array();
    json allowedSets = json::array();
    std::set<std::string> listedTargets;
    for (const cells::PolicyCell& cell : cells::generatePolicyCells()) {
        const Decision decision = decide(cell.subject->subject, cell.action, cell.target);
        json row = {{"name", cells::describe(cell)},
                    {"subject", toJson(cell.subject->subject)},
                    {"action", std::string(nameOf(cell.action))},
                    {"target", toJson(cell.target)},
                    {"allowed", decision.allowed},
                    {"reason", std::string(reasonCode(decision.reason))}};
        if (!decision.regulation.empty()) row["regulation"] = std::string(decision.regulation);
        decisions.push_back(row);
        // allowedActions once per subject and chat place, from the read cells that span them all.
        if (cell.action == Action::Read) {
            json actions = json::array();
            for (const Action action : allowedActions(cell.subject->subject, cell.target)) {
                actions.push_back(std::string(nameOf(action)));
            }
            allowedSets.push_back({{"name", cells::describe(cell)},
                                   {"subject", row["subject"]},
                                   {"target", row["target"]},
                                   {"actions", actions}});
        }
    }
    return {{"cells", decisions}, {"allowedActions", allowedSets}};
}

bool writeFile(const std::string& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary);
    file << text;
    return static_cast<bool>(file);
}

int writeCells(const std::string& path) {
    const json document = cellsDocument();
    if (!writeFile(path, dumpJson(document))) {
        std::cerr << "policy_cells: cannot write " << path << "\n";
        return 1;
    }
    std::cout << "policy_cells: " << document["cells"].size() << " cells written to " << path << "\n";
    return 0;
}

int rewriteMarkdown(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    const auto updated = docs::withGeneratedSection(text.str(), docs::renderPermissionsMarkdown());
    if (!file || !updated) {
        std::cerr << "policy_cells: " << path << " is missing or lacks the generated-section markers\n";
        return 1;
    }
    if (!writeFile(path, *updated)) {
        std::cerr << "policy_cells: cannot write " << path << "\n";
        return 1;
    }
    std::cout << "policy_cells: regenerated " << path << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string usage = "usage: policy_cells CELLS.json | policy_cells --markdown docs/permissions.md\n";
    if (argc == 2 && std::string(argv[1]).rfind("--", 0) != 0) return writeCells(argv[1]);
    if (argc == 3 && std::string(argv[1]) == "--markdown") return rewriteMarkdown(argv[2]);
    std::cerr << usage;
    return 2;
}
