// axe-core (npm, pinned) run inside the page. Evaluated through the driver, which the page's
// Content-Security-Policy does not govern, so the app's own CSP stays as deployed.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const kAxeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

/** The serious and critical violations on the page as it is now: [{id, help, targets}]. */
export async function seriousViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(kAxeSource);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations);
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, help: violation.help, targets: violation.nodes.map((node) => node.target.join(" ")) }));
}
