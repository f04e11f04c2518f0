"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { echoValues, type FormState } from "@/lib/forms/form-state";
import { saveConnection, setConnectionEnabled } from "@/lib/dal/sso/manage-connections";

// Single sign-on settings. memberAction checks the session, the permission (sso.manage) and that
// the input is form-shaped; the DAL validates the connection and audits every change.

export const saveSsoConnectionAction = memberAction(z.record(z.string(), z.string().max(4000)), "sso.manage", async (_input, ctx, { formData, ...meta }) => {
  const result = await saveConnection(ctx, Object.fromEntries(formData), meta);
  const values = echoValues(formData, ["clientSecret"]);
  if (!result.ok) {
    if ("fieldErrors" in result) return { status: "error", fieldErrors: result.fieldErrors, values } satisfies FormState;
    return { status: "error", fieldErrors: {}, formError: result.formError, values } satisfies FormState;
  }
  revalidatePath(`/${ctx.tenant.slug}/settings/sso`);
  return { status: "success", fieldErrors: {}, message: result.created ? "created" : "saved", values: result.created ? {} : values };
});

export const toggleSsoConnectionAction = memberAction(z.object({ id: z.string().trim().min(1).max(64), enabled: z.enum(["true", "false"]) }), "sso.manage", async (input, ctx, meta) => {
  const result = await setConnectionEnabled(ctx, input.id, input.enabled === "true", meta);
  if (!result.ok) return { status: "error", fieldErrors: {}, formError: result.formError, values: {} } satisfies FormState;
  revalidatePath(`/${ctx.tenant.slug}`, "layout");
  return { status: "success", fieldErrors: {}, values: {} };
});
