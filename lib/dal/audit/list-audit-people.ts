import "server-only";
import { authorize, type MemberContext } from "../context";
import type { MemberStatus } from "@/lib/generated/prisma/enums";

export type AuditPersonOption = { id: string; name: string; email: string; status: MemberStatus };

/** Everyone who can appear in the audit log (deactivated members too), for its person filter. */
export async function listAuditPeople(ctx: MemberContext): Promise<AuditPersonOption[]> {
  const db = authorize(ctx, "audit.view");
  return db.user.findMany({
    select: { id: true, name: true, email: true, status: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
}
