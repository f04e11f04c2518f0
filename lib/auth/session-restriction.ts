// A session may owe steps before it can be used: a second factor, a forced password change, a
// forced second-factor enrolment. They are stored in Session.restriction as a comma-separated
// list in the order they must be done ("second-factor,password-change"); the first is the current
// one. Only the current step's page and actions work; every other page redirects there.
import { safeReturnPath } from "./safe-return-path";

export const RESTRICTION_STEPS = ["second-factor", "password-change", "mfa-enrol"] as const;
export type RestrictionStep = (typeof RESTRICTION_STEPS)[number];

function isStep(value: string): value is RestrictionStep {
  return (RESTRICTION_STEPS as readonly string[]).includes(value);
}

/** The steps a stored restriction lists, in order. An unknown value counts as a second factor still owed (fail closed). */
export function parseRestriction(value: string | null | undefined): RestrictionStep[] {
  if (!value) return [];
  return value.split(",").map((part) => (isStep(part) ? part : "second-factor"));
}

export function formatRestriction(steps: readonly RestrictionStep[]): string | null {
  return steps.length ? [...new Set(steps)].join(",") : null;
}

/** The step the session owes now, or null when it is unrestricted. */
export function currentStep(value: string | null | undefined): RestrictionStep | null {
  return parseRestriction(value)[0] ?? null;
}

/** The restriction left once `step` is done (null: full access). */
export function restrictionAfter(value: string | null | undefined, step: RestrictionStep): string | null {
  return formatRestriction(parseRestriction(value).filter((s) => s !== step));
}

/**
 * The page where a session owing `step` completes it. `next` (the workspace page the member asked
 * for before signing in) rides along as ?next= through every step, so the last one can send them
 * there; a path outside the workspace, or its home, is left off.
 */
export function stepPath(slug: string, step: RestrictionStep, next?: string | null): string {
  const base = `/${encodeURIComponent(slug)}`;
  const page = step === "second-factor" ? `${base}/login/verify` : step === "mfa-enrol" ? `${base}/login/enrol` : `${base}/change-password`;
  const returnTo = safeReturnPath(slug, next);
  return returnTo === `/${slug}` ? page : `${page}?next=${encodeURIComponent(returnTo)}`;
}
