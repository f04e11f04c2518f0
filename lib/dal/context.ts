import "server-only";
import { can, PermissionDeniedError, type Permission } from "@/lib/auth/permissions";
import type { MemberContext } from "@/lib/auth/current-member";
import { tenantDb } from "@/lib/db/tenant-db";

export type { MemberContext };

/** Checks the permission and hands back the database scoped to the member's workspace. */
export function authorize(ctx: MemberContext, permission: Permission) {
  if (!can(ctx.role, permission)) throw new PermissionDeniedError(permission);
  return tenantDb(ctx.tenant.id);
}

export type RequestMeta = { ip: string | null; userAgent: string | null };
