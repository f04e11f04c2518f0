"use server";
import { redirect } from "next/navigation";
import { currentSession } from "@/lib/auth/current-member";
import { clearSessionCookie, readSessionToken } from "@/lib/auth/session-cookie-store";
import { revokeSessionByToken } from "@/lib/auth/sessions";
import { recordAuditEvent } from "@/lib/auth/audit";
import { requestInfo } from "@/lib/auth/request-info";

export async function signOutAction(slug: string): Promise<void> {
  const member = await currentSession();
  const token = await readSessionToken();
  if (token) await revokeSessionByToken(token, "sign-out");
  await clearSessionCookie();
  if (member) {
    await recordAuditEvent({ tenantId: member.tenant.id, type: "signout", actorUserId: member.user.id, ...(await requestInfo()) });
  }
  // The slug is whatever the request sent; it only picks which login page to show.
  const loginSlug = member?.tenant.slug ?? (typeof slug === "string" ? slug : "");
  redirect(loginSlug ? `/${encodeURIComponent(loginSlug)}/login?reason=signed-out` : "/login");
}
