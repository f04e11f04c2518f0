"use server";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getLocale } from "next-intl/server";
import { memberAction } from "@/lib/actions/member-action";
import { formError } from "@/lib/forms/form-state";
import { reverifyCodeSchema, reverifyPasswordSchema } from "@/lib/validation/second-factor";
import { attemptSecondFactorCode } from "@/lib/auth/second-factor-attempt";
import { codeFailure, sendSecondFactorEmail, sendSecondFactorSms } from "@/lib/auth/second-factor-forms";
import { markReverified, reverifyWithPassword } from "@/lib/auth/reverify";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { listSecondFactors } from "@/lib/auth/second-factors";
import { hasAnySecondFactor } from "@/lib/auth/second-factors";

// Re-verification before a sensitive action: with a second factor when the member has one (a
// password alone would let whoever sat down at an unlocked computer change the password), else the
// password. Wrong answers count against the lockout.

export const reverifyWithCodeAction = memberAction(reverifyCodeSchema, "workspace.view", async (input, ctx, { formData, ...meta }) => {
  const result = await attemptSecondFactorCode({
    tenantId: ctx.tenant.id,
    userId: ctx.user.id,
    method: input.method,
    code: input.code,
    purpose: "reverify",
    amr: ctx.amr,
    defer: (task) => after(task),
    ...meta,
  });
  if (!result.ok) return codeFailure(formData, result, { endSession: false });
  await markReverified(ctx, input.method, meta);
  redirect(safeReturnPath(ctx.tenant.slug, input.returnTo));
});

export const reverifyWithPasswordAction = memberAction(reverifyPasswordSchema, "workspace.view", async (input, ctx, { formData, ...meta }) => {
  // Members with a second factor re-verify with it, not with the password alone.
  if (hasAnySecondFactor(await listSecondFactors(ctx.tenant.id, ctx.user.id))) return formError(formData, "secondFactor.factorUnavailable");
  const result = await reverifyWithPassword(ctx, input.password, meta);
  if (!result.ok) return codeFailure(formData, { ok: false, error: result.error === "locked" ? "locked" : "codeInvalid", lockedUntil: result.lockedUntil }, { endSession: false }).then((state) =>
    result.error === "passwordWrong" ? { ...state, formError: "secondFactor.passwordWrong" } : state,
  );
  redirect(safeReturnPath(ctx.tenant.slug, input.returnTo));
});

export const sendReverifySmsAction = memberAction(z.object({}), "workspace.view", async (_input, ctx, { formData }) =>
  sendSecondFactorSms(ctx, "reverify", formData, await getLocale()),
);

export const sendReverifyEmailCodeAction = memberAction(z.object({}), "workspace.view", async (_input, ctx, { formData, ...meta }) =>
  sendSecondFactorEmail(ctx, "reverify", formData, meta),
);
