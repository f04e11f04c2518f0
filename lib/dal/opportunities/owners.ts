import "server-only";
import { authorize, type MemberContext } from "../context";

/** Active members who may own records (filter and owner pickers); names only. */
export async function listRecordOwners(ctx: MemberContext): Promise<{ id: string; name: string }[]> {
  const db = authorize(ctx, "records.read");
  return db.user.findMany({
    where: { status: "ACTIVE", role: { in: ["OWNER", "ADMIN", "MANAGER", "SALES_REP"] } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
}
