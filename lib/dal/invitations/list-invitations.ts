import "server-only";
import { authorize, type MemberContext } from "../context";
import type { Role } from "@/lib/generated/prisma/enums";

export type InvitationRow = {
  id: string;
  email: string;
  role: Role;
  employeeNumber: string | null;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
  invitedByName: string;
};

/** Invitations not yet accepted or revoked, newest first (expired ones too, so they can be resent). */
export async function listOpenInvitations(ctx: MemberContext, now = new Date()): Promise<InvitationRow[]> {
  const db = authorize(ctx, "members.invite");
  const rows = await db.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null },
    include: { invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    employeeNumber: row.employeeNumber,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    expired: row.expiresAt <= now,
    invitedByName: row.invitedBy.name,
  }));
}
