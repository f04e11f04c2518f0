"use server";
import { after } from "next/server";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { findWorkspacesSchema, goToWorkspaceSchema } from "@/lib/validation/forms";
import { echoValues, fieldError, invalid, type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { emailWorkspaceList } from "@/lib/dal/workspaces/email-workspace-list";
import { logError } from "@/lib/log";
import { captchaErrorKey, verifyCaptchaSolution } from "@/lib/auth/captcha";
import { signInLikeAction } from "@/lib/actions/sign-in-like-action";

async function goToWorkspace(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = goToWorkspaceSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  const workspace = await findWorkspaceBySlug(parsed.data.slug);
  if (!workspace) return fieldError(formData, "slug", "noSuchWorkspace");
  redirect(`/${workspace.slug}/login`);
}

/**
 * Always the same answer, sent before any lookup happens: the list is emailed after the response,
 * so neither the message nor the timing says whether the address belongs to any workspace.
 */
async function findWorkspaces(_prev: FormState, formData: FormData): Promise<FormState> {
  const parsed = findWorkspacesSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(formData, parsed.error);
  // Always on this form: it sends email to any address typed, so each request costs proof of work.
  const verdict = await verifyCaptchaSolution(formData.get("captcha"));
  if (verdict !== "ok") return fieldError(formData, "captcha", captchaErrorKey(verdict));
  const locale = await getLocale();
  const email = parsed.data.email;
  after(async () => {
    try {
      await emailWorkspaceList(email, locale);
    } catch (error) {
      logError("find-workspaces", error);
    }
  });
  return { status: "success", fieldErrors: {}, values: echoValues(formData) };
}

export const goToWorkspaceAction = signInLikeAction(goToWorkspace);

export const findWorkspacesAction = signInLikeAction(findWorkspaces);
