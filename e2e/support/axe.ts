import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

// axe-core on the page as it is now: WCAG 2.0/2.1 A and AA and axe's best practices, plus the
// one experimental rule the first-hour review found broken on every signed-in page
// (label-content-name-mismatch, WCAG 2.5.3 "Label in Name": a control named other than it reads).

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const EXTRA_RULES = ["label-content-name-mismatch"];

/**
 * The rules whose outcome depends on colours. The colour schemes differ only in CSS colours (and
 * the charts' SVG fills, which the contrast rule reads too): no element, label, role or text
 * changes with prefers-color-scheme, so a page checked with every rule in one scheme needs only
 * these in the other.
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/**
 * Every axe violation on `page`, one line per node: rule id, impact, target and what is wrong.
 * `coloursOnly`: just the colour rules, for a page already checked with all of them in the other scheme.
 */
export async function axeViolations(page: Page, { coloursOnly = false } = {}): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const required = coloursOnly ? COLOUR_RULES : EXTRA_RULES;
  const results = await (coloursOnly ? builder.withRules(COLOUR_RULES) : builder.withTags(TAGS))
    // resultTypes: only violations are reported node by node (the other lists keep one node per rule), which makes a run on a long page much quicker.
    .options({ resultTypes: ["violations"], ...(coloursOnly ? {} : { rules: Object.fromEntries(EXTRA_RULES.map((rule) => [rule, { enabled: true }])) }) })
    .analyze();
  // The rules asked for ran (each is among the results in one of their lists), or this check proves nothing.
  const ran = new Set([...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((rule) => rule.id));
  const missing = required.filter((rule) => !ran.has(rule));
  if (missing.length) throw new Error(`axe did not run ${missing.join(", ")}`);
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact ?? "?"}) at ${node.target.join(" ")}: ${node.failureSummary?.replace(/\s+/g, " ") ?? violation.help}`),
  );
}
