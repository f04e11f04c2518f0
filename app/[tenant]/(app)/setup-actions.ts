"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { setSetupChecklistHidden } from "@/lib/dal/setup/setup-checklist";
import type { FormState } from "@/lib/forms/form-state";

// The home's setup checklist: hide it, or show it again. Only Owners and Admins have one.

async function setHidden(slug: string, hidden: boolean, ctx: Parameters<typeof setSetupChecklistHidden>[0]): Promise<FormState> {
  await setSetupChecklistHidden(ctx, hidden);
  revalidatePath(`/${slug}`);
  return { status: "success", fieldErrors: {}, values: {} };
}

export const hideSetupChecklistAction = memberAction(z.object({}), "workspace.manageSettings", async (_input, ctx) => setHidden(ctx.tenant.slug, true, ctx));

export const showSetupChecklistAction = memberAction(z.object({}), "workspace.manageSettings", async (_input, ctx) => setHidden(ctx.tenant.slug, false, ctx));
