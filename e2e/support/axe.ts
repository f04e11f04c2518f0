import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

// axe-core on the page as it is now: WCAG 2.0/2.1 A and AA and axe's best practices, plus the
// one experimental rule the first-hour review found broken on every signed-in page
// (label-content-name-mismatch, WCAG 2.5.3 "Label in Name": a control named other than it reads).

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const EXTRA_RULES = ["label-content-name-mismatch"];

/** Every axe violation on `page`, one line per node: rule id, impact, target and what is wrong. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(TAGS)
    // resultTypes: only violations are reported node by node (the other lists keep one node per rule), which makes a run on a long page much quicker.
    .options({ resultTypes: ["violations"], rules: Object.fromEntries(EXTRA_RULES.map((rule) => [rule, { enabled: true }])) })
    .analyze();
  // The experimental rule ran (it is among the results in one of their lists), or this check proves nothing.
  const ran = new Set([...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((rule) => rule.id));
  const missing = EXTRA_RULES.filter((rule) => !ran.has(rule));
  if (missing.length) throw new Error(`axe did not run ${missing.join(", ")}`);
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact ?? "?"}) at ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ") ?? violation.help}`),
  );
}
