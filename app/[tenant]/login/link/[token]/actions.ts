"use server";
import { redirect, unstable_rethrow } from "next/navigation";
import { type FormState } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { consumeEmailSignInLink } from "@/lib/auth/email-sign-in-link";
import { readLinkRequestCookie } from "@/lib/auth/email-link-cookie";
import { completePrimarySignIn } from "@/lib/auth/complete-sign-in";
import { getSecurityPolicy } from "@/lib/auth/security-policy";
import { ipAllowed } from "@/lib/auth/ip-allowlist";
import { requestInfo } from "@/lib/auth/request-info";
import { tokenFromParam } from "@/lib/auth/token-param";
import { logError } from "@/lib/log";
import { signInLikeAction } from "@/lib/actions/sign-in-like-action";

function refused(reason: string): FormState {
  return { status: "error", fieldErrors: {}, formError: reason, values: {} };
}

/** The link page's "Sign in" button: uses the link once and signs this browser in (one factor). */
async function signInWithLink(slug: string, tokenParam: string, next: string, _prev: FormState, _formData: FormData): Promise<FormState> {
  let destination: string;
  try {
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return refused("unknown");
    const meta = await requestInfo();
    if (!ipAllowed(meta.ip, (await getSecurityPolicy(workspace.id)).ipAllowlist)) redirect(`/${slug}/network-only`);
    const result = await consumeEmailSignInLink({ slug, token: tokenFromParam(tokenParam), requestKey: await readLinkRequestCookie(), meta });
    if (!result.ok) return refused(result.reason);
    const { redirectTo } = await completePrimarySignIn({ tenant: result.tenant, userId: result.userId, method: "email-link", next, ...meta });
    destination = redirectTo;
  } catch (error) {
    unstable_rethrow(error);
    logError("sign-in-link:use", error);
    return refused("generic");
  }
  redirect(destination);
}

export const signInWithLinkAction = signInLikeAction(signInWithLink);
