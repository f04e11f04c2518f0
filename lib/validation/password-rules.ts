import { checkPasswordAgainstPolicy, type PasswordContext, type PasswordPolicy, type PasswordProblem } from "@/lib/auth/password-policy/policy";

/** Password problems as form errors: every key on the field, their placeholder values merged. */
export function passwordProblemErrors(field: string, problems: PasswordProblem[]) {
  const values: Record<string, string> = {};
  for (const problem of problems) {
    for (const [name, value] of Object.entries(problem.values ?? {})) values[name] = String(value);
  }
  return { fields: problems.length ? { [field]: problems.map((problem) => problem.key) } : {}, values };
}

/** The browser-side policy check (everything but the common-password list, which is server-only). */
export function checkPasswordField(field: string, password: string, policy: PasswordPolicy, context: PasswordContext) {
  return passwordProblemErrors(field, checkPasswordAgainstPolicy(password, policy, context).problems);
}
