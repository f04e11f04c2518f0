import "server-only";
import { systemDb } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";

// Security events, appended to AuditEvent (which the database keeps append-only).
export type AuditEventType =
  | "workspace.created"
  | "signin.success"
  | "signin.failure"
  | "signout"
  | "session.revoked"
  | "member.invited"
  | "member.invitation_resent"
  | "member.invitation_revoked"
  | "member.joined"
  | "member.role_changed"
  | "member.deactivated"
  | "member.reactivated"
  | "password.changed"
  | "password.reset_requested"
  | "password.reset"
  | "password.change_forced"
  | "account.locked"
  | "account.unlocked"
  | "sessions.revoked_all"
  | "device.new"
  | "device.not_me"
  | "policy.changed";

export async function recordAuditEvent(event: {
  tenantId: string;
  type: AuditEventType;
  actorUserId?: string | null;
  targetUserId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  data?: Prisma.InputJsonValue;
}) {
  await systemDb().auditEvent.create({
    data: {
      tenantId: event.tenantId,
      type: event.type,
      actorUserId: event.actorUserId ?? null,
      targetUserId: event.targetUserId ?? null,
      ip: event.ip ?? null,
      userAgent: event.userAgent ?? null,
      data: event.data,
    },
  });
}
