import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { hashToken } from "@/lib/auth/tokens";
import { hashPassword } from "@/lib/auth/password-hash";
import { establishSignIn } from "@/lib/auth/complete-sign-in";
import { getSecurityPolicy } from "@/lib/auth/security-policy";
import { checkPassword } from "@/lib/auth/password-policy/check-password.server";
import { policyFromSecurityPolicy, type PasswordProblem } from "@/lib/auth/password-policy/policy";
import { recordAuditEvent } from "@/lib/auth/audit";
import type { RequestMeta } from "../context";
import type { Role } from "@/lib/generated/prisma/enums";

export type InvitationLookup =
  | { status: "valid"; email: string; role: Role; workspaceName: string; expiresAt: Date; tenantId: string; employeeNumber: string | null }
  | { status: "used" | "expired" | "revoked" | "unknown" };

// The token arrives from a link, before anyone is signed in: it is the credential, and it is
// only valid for the workspace whose URL it came with.
async function findByToken(slug: string, token: string) {
  if (!token || token.length > 100) return null;
  const invitation = await systemDb().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { tenant: true },
  });
  return invitation && invitation.tenant.slug === slug ? invitation : null;
}

export async function lookUpInvitation(slug: string, token: string, now = new Date()): Promise<InvitationLookup> {
  const invitation = await findByToken(slug, token);
  if (!invitation) return { status: "unknown" };
  if (invitation.acceptedAt) return { status: "used" };
  if (invitation.revokedAt) return { status: "revoked" };
  if (invitation.expiresAt <= now) return { status: "expired" };
  return {
    status: "valid",
    email: invitation.email,
    role: invitation.role,
    workspaceName: invitation.tenant.name,
    expiresAt: invitation.expiresAt,
    tenantId: invitation.tenantId,
    employeeNumber: invitation.employeeNumber,
  };
}

export type AcceptResult =
  | { ok: true; token: string; maxAgeSeconds: number }
  | { ok: false; reason: "used" | "expired" | "revoked" | "unknown" | "alreadyMember" | "employeeNumberTaken" }
  | { ok: false; reason: "passwordPolicy"; problems: PasswordProblem[] };

/** Creates the member and signs them in. The link works once: a second use finds it accepted. */
export async function acceptInvitation(
  input: { slug: string; token: string; name: string; password: string; locale: string },
  meta: RequestMeta,
): Promise<AcceptResult> {
  const lookup = await lookUpInvitation(input.slug, input.token);
  if (lookup.status !== "valid") return { ok: false, reason: lookup.status };
  const check = await checkPassword(input.password, policyFromSecurityPolicy(await getSecurityPolicy(lookup.tenantId)), {
    workspaceName: lookup.workspaceName,
    workspaceSlug: input.slug,
    userName: input.name,
    email: lookup.email,
    employeeNumber: lookup.employeeNumber,
  });
  if (!check.ok) return { ok: false, reason: "passwordPolicy", problems: check.problems };
  const passwordHash = await hashPassword(input.password);
  const db = systemDb();
  try {
    const accepted = await db.$transaction(async (tx) => {
      const now = new Date();
      const invitation = await tx.invitation.findUniqueOrThrow({ where: { tokenHash: hashToken(input.token) }, include: { tenant: true } });
      // The conditional update is the single-use guarantee, even for two simultaneous clicks.
      const claimed = await tx.invitation.updateMany({
        where: { tenantId: invitation.tenantId, id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { acceptedAt: now },
      });
      if (claimed.count !== 1) return null;
      const user = await tx.user.create({
        data: {
          tenantId: invitation.tenantId,
          email: invitation.email,
          employeeNumber: invitation.employeeNumber,
          name: input.name,
          passwordHash,
          role: invitation.role,
          locale: input.locale,
          lastSignInAt: now,
        },
      });
      return { tenant: invitation.tenant, user, invitedById: invitation.invitedById };
    });
    if (!accepted) return { ok: false, reason: "used" };
    await recordAuditEvent({
      tenantId: accepted.tenant.id,
      type: "member.joined",
      actorUserId: accepted.user.id,
      targetUserId: accepted.user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      data: { role: accepted.user.role, invitedBy: accepted.invitedById },
    });
    // Through the same decision as every sign-in, so the workspace's MFA policy applies from the
    // first minute (0 grace days: enrol before anything else).
    const session = await establishSignIn({ tenant: accepted.tenant, userId: accepted.user.id, method: "invitation", ...meta });
    return { ok: true, token: session.token, maxAgeSeconds: session.maxAgeSeconds };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const target = JSON.stringify(error.meta ?? {});
      return { ok: false, reason: target.includes("employeeNumber") ? "employeeNumberTaken" : "alreadyMember" };
    }
    throw error;
  }
}
