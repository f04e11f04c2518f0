import "server-only";
import { authorize, type MemberContext } from "../context";
import type { MemberStatus } from "@/lib/generated/prisma/enums";
import type { Locale } from "@/lib/i18n/locales";
import { sortByName } from "@/lib/i18n/name-order";

export type AuditPersonOption = { id: string; name: string; email: string; status: MemberStatus };

/** Everyone who can appear in the audit log (deactivated members too), for its person filter, by name in the reader's language. */
export async function listAuditPeople(ctx: MemberContext, reader: Locale = "en"): Promise<AuditPersonOption[]> {
  const db = authorize(ctx, "audit.view");
  const people = await db.user.findMany({
    select: { id: true, name: true, email: true, status: true },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
  return sortByName(people, reader, (person) => person.name);
}
