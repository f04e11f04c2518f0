"use server";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getLocale } from "next-intl/server";
import { memberAction } from "@/lib/actions/member-action";
import { secondFactorCodeSchema } from "@/lib/validation/second-factor";
import { attemptSecondFactorCode } from "@/lib/auth/second-factor-attempt";
import { completeSecondFactor } from "@/lib/auth/complete-second-factor";
import { codeFailure, sendSecondFactorEmail, sendSecondFactorSms } from "@/lib/auth/second-factor-forms";

// The second-factor step after a password or emailed link. Only a session that owes exactly this
// step gets here (memberAction with allowRestricted "second-factor"); every wrong code counts
// against the member's lockout like a wrong password.

export const verifySignInCodeAction = memberAction(
  secondFactorCodeSchema,
  "workspace.view",
  async (input, ctx, { formData, ...meta }) => {
    const result = await attemptSecondFactorCode({
      tenantId: ctx.tenant.id,
      userId: ctx.user.id,
      method: input.method,
      code: input.code,
      purpose: "sign-in",
      amr: ctx.amr,
      defer: (task) => after(task),
      ...meta,
    });
    if (!result.ok) return codeFailure(formData, result, { endSession: true });
    const { redirectTo } = await completeSecondFactor({ ctx, method: input.method, rememberDevice: input.remember === "on", next: input.next, meta });
    redirect(redirectTo);
  },
  { allowRestricted: "second-factor" },
);

export const sendSignInSmsAction = memberAction(
  z.object({}),
  "workspace.view",
  async (_input, ctx, { formData }) => sendSecondFactorSms(ctx, "sign-in", formData, await getLocale()),
  { allowRestricted: "second-factor" },
);

export const sendSignInEmailCodeAction = memberAction(
  z.object({}),
  "workspace.view",
  async (_input, ctx, { formData, ...meta }) => sendSecondFactorEmail(ctx, "sign-in", formData, meta),
  { allowRestricted: "second-factor" },
);
