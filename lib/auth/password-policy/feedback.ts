import { checkPasswordAgainstPolicy, type PasswordContext, type PasswordPolicy } from "./policy";
import { estimateStrength, type Strength } from "./strength";

// What a new-password field shows, from one place: every problem the workspace's policy finds in
// the value as it is now (the browser runs the same pure check as the server), the common-password
// list's verdict for this exact value (asked of the server, which holds the list), and whatever
// the server refused on the last submit that the browser cannot know (the member's old passwords),
// for as long as the value is the one that was refused. The meter is rated from the same problems,
// so it never says "Fair" for a password the policy refuses.

/** The list's answer for one value: "pending" while it is being asked, "unavailable" when it couldn't be. */
export type CommonVerdict = { password: string; common: boolean } | { password: string; state: "pending" | "unavailable" };

/** The server's refusal of the last submit: message keys under "errors." and their placeholder values. */
export type ServerRefusal = { keys: readonly string[]; values?: Record<string, string> };

export type FeedbackProblem = { key: string; values?: Record<string, string | number> };

export type PasswordFeedback = {
  problems: FeedbackProblem[];
  strength: Strength;
  /** How far the common-password check has got for this value ("off" when the policy doesn't check). */
  commonCheck: "off" | "pending" | "passed" | "failed" | "unavailable";
};

export function passwordFeedback({
  password,
  policy,
  context,
  verdict,
  refusal,
}: {
  password: string;
  policy: PasswordPolicy;
  context: PasswordContext;
  /** The list's answer; only used when it is for this exact value. */
  verdict?: CommonVerdict | null;
  /** The last submit's refusal, only while the value is still the refused one. */
  refusal?: ServerRefusal | null;
}): PasswordFeedback {
  const known = verdict && verdict.password === password && "common" in verdict ? verdict : null;
  const check = checkPasswordAgainstPolicy(password, policy, context, {
    isCommon: known ? () => known.common : undefined,
  });
  const problems: FeedbackProblem[] = [...check.problems];

  const commonCheck: PasswordFeedback["commonCheck"] = !policy.checkCommonPasswords
    ? "off"
    : known
      ? known.common
        ? "failed"
        : "passed"
      : verdict && verdict.password === password && "state" in verdict && verdict.state === "unavailable"
        ? "unavailable"
        : "pending";

  // The refusal adds what the value as checked here doesn't show: what only the server knows (old
  // passwords, personal details the browser wasn't given), and everything when the page came back
  // without the value (a form posted without JavaScript). A rule found both ways is said once.
  for (const key of refusal?.keys ?? []) {
    // The list's fresh answer for this value wins over the refusal's (they agree: same list).
    if (key === "passwordCommon" && known) continue;
    if (problems.some((problem) => problem.key === key)) continue;
    problems.push({ key, values: refusal?.values });
  }

  return { problems, strength: estimateStrength(password, problems), commonCheck };
}
