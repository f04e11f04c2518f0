import { describe, expect, it } from "vitest";
import { passwordFeedback } from "./feedback";
import { CLASSIC_POLICY, RECOMMENDED_POLICY } from "./policy";

const context = { workspaceName: "Northwind", workspaceSlug: "northwind", userName: "Ana Silva", email: "ana@example.com" };
const keys = (feedback: ReturnType<typeof passwordFeedback>) => feedback.problems.map((problem) => problem.key);

describe("passwordFeedback", () => {
  it("rates a password the list holds too weak once the list has answered for it, and says why once", () => {
    const password = "passwordpassword1";
    const pending = passwordFeedback({ password, policy: RECOMMENDED_POLICY, context, verdict: null });
    expect(pending.commonCheck).toBe("pending");
    const answered = passwordFeedback({ password, policy: RECOMMENDED_POLICY, context, verdict: { password, common: true } });
    expect(keys(answered)).toEqual(["passwordCommon"]);
    expect(answered.strength.level).toBe("tooWeak");
    expect(answered.commonCheck).toBe("failed");
  });

  it("ignores the list's answer for another value: it may be a keystroke old", () => {
    const feedback = passwordFeedback({
      password: "harbour lantern quietly",
      policy: RECOMMENDED_POLICY,
      context,
      verdict: { password: "harbour lantern quietl", common: true },
    });
    expect(keys(feedback)).toEqual([]);
    expect(feedback.commonCheck).toBe("pending");
  });

  it("shows a rule the browser checks itself once, however often the server also sent it", () => {
    const feedback = passwordFeedback({
      password: "short",
      policy: RECOMMENDED_POLICY,
      context,
      refusal: { keys: ["passwordTooShort", "passwordCommon"], values: { min: "15" } },
    });
    expect(keys(feedback)).toEqual(["passwordTooShort", "passwordCommon"]);
  });

  it("drops the server's 'common' once the list says the value is not common", () => {
    const password = "harbour lantern quietly";
    const feedback = passwordFeedback({
      password,
      policy: RECOMMENDED_POLICY,
      context,
      verdict: { password, common: false },
      refusal: { keys: ["passwordCommon"] },
    });
    expect(keys(feedback)).toEqual([]);
    expect(feedback.commonCheck).toBe("passed");
    expect(feedback.strength.level).not.toBe("tooWeak");
  });

  it("keeps what only the server knows (an old password) while the refused value is unchanged", () => {
    const password = "Harbour lantern 42!";
    const feedback = passwordFeedback({
      password,
      policy: CLASSIC_POLICY,
      context,
      verdict: { password, common: false },
      refusal: { keys: ["passwordReused"], values: { count: "5" } },
    });
    expect(feedback.problems).toEqual([{ key: "passwordReused", values: { count: "5" } }]);
    expect(feedback.strength.level).toBe("tooWeak");
  });

  it("shows every reason of a refusal that came back without the value (a form posted without JavaScript)", () => {
    const feedback = passwordFeedback({
      password: "",
      policy: RECOMMENDED_POLICY,
      context,
      refusal: { keys: ["passwordTooShort", "passwordPersonal"], values: { min: "15", what: "workspace" } },
    });
    expect(feedback.problems).toEqual([
      { key: "passwordTooShort", values: { min: 15 } },
      { key: "passwordPersonal", values: { min: "15", what: "workspace" } },
    ]);
  });

  it("does not wait for the list when the policy doesn't use it", () => {
    const feedback = passwordFeedback({ password: "passwordpassword1", policy: { ...RECOMMENDED_POLICY, checkCommonPasswords: false }, context });
    expect(feedback.commonCheck).toBe("off");
    expect(keys(feedback)).toEqual([]);
  });

  it("says so when the list couldn't be asked, without calling the password common", () => {
    const password = "harbour lantern quietly";
    const feedback = passwordFeedback({ password, policy: RECOMMENDED_POLICY, context, verdict: { password, state: "unavailable" } });
    expect(feedback.commonCheck).toBe("unavailable");
    expect(keys(feedback)).toEqual([]);
  });
});
