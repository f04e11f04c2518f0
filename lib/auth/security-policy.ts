import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import type { SecurityPolicy } from "@/lib/generated/prisma/client";

export type { SecurityPolicy };

/** The workspace's security policy; workspaces created before policies existed get the defaults. */
export async function getSecurityPolicy(tenantId: string): Promise<SecurityPolicy> {
  const db = tenantDb(tenantId);
  const policy = await db.securityPolicy.findUnique({ where: { tenantId } });
  if (policy) return policy;
  return db.securityPolicy.upsert({ where: { tenantId }, create: { tenantId }, update: {} });
}
