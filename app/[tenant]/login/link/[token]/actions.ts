"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { formError } from "@/lib/forms/form-state";
import { findWorkspaceBySlug } from "@/lib/dal/workspaces/find-workspace-by-slug";
import { consumeEmailSignInLink } from "@/lib/auth/email-sign-in-link";
import { readLinkRequestCookie } from "@/lib/auth/email-link-cookie";
import { completePrimarySignIn } from "@/lib/auth/complete-sign-in";
import { getSecurityPolicy } from "@/lib/auth/security-policy";
import { ipAllowed } from "@/lib/auth/ip-allowlist";
import { tokenFromParam } from "@/lib/auth/token-param";
import { publicAction } from "@/lib/actions/public-action";

/** The link page's "Sign in" button (no fields): uses the link once and signs this browser in (one factor). */
export const signInWithLinkAction = publicAction(
  { bound: ["slug", "token", "next"], schema: z.object({}), logAs: "sign-in-link:use" },
  async (_input, { slug, token, next, meta, formData }) => {
    const workspace = await findWorkspaceBySlug(slug);
    if (!workspace) return formError(formData, "unknown");
    if (!ipAllowed(meta.ip, (await getSecurityPolicy(workspace.id)).ipAllowlist)) redirect(`/${slug}/network-only`);
    const result = await consumeEmailSignInLink({ slug, token: tokenFromParam(token), requestKey: await readLinkRequestCookie(), meta });
    if (!result.ok) return formError(formData, result.reason);
    const { redirectTo } = await completePrimarySignIn({ tenant: result.tenant, userId: result.userId, method: "email-link", next, ...meta });
    redirect(redirectTo);
  },
);
