// Test helpers for the audit and access-review tests (not used by application code).
import { systemDb } from "@/lib/db/prisma";
import type { MemberContext } from "@/lib/auth/current-member";
import type { Prisma, User } from "@/lib/generated/prisma/client";
import { memberContext, type TestTenant } from "@/test/factories";

/** The context a signed-in, unrestricted request of this member on an allowed network would have. */
export function contextOf(user: User, tenant: TestTenant): MemberContext {
  return memberContext(user, tenant);
}

/** Appends an audit event at a chosen time (the log is append-only; this is how it grows). */
export async function insertEvent(event: {
  tenantId: string;
  type: string;
  createdAt: Date;
  actorUserId?: string | null;
  targetUserId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  data?: Prisma.InputJsonValue;
}) {
  return systemDb().auditEvent.create({
    data: {
      tenantId: event.tenantId,
      type: event.type,
      createdAt: event.createdAt,
      actorUserId: event.actorUserId ?? null,
      targetUserId: event.targetUserId ?? null,
      ip: event.ip ?? null,
      userAgent: event.userAgent ?? null,
      data: event.data,
    },
  });
}
