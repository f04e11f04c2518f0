import "server-only";
import { authorize, type MemberContext } from "../context";
import { sortByName } from "@/lib/i18n/name-order";
import type { Locale } from "@/lib/i18n/locales";

/** Active members who may own records (filter and owner pickers); names only. */
export async function listRecordOwners(ctx: MemberContext, reader: Locale = "en"): Promise<{ id: string; name: string }[]> {
  const db = authorize(ctx, "records.read");
  const owners = await db.user.findMany({
    where: { status: "ACTIVE", role: { in: ["OWNER", "ADMIN", "MANAGER", "SALES_REP"] } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
  });
  return sortByName(owners, reader, (owner) => owner.name);
}
