import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { authorize, type MemberContext } from "../context";
import { TRASH_DAYS, trashCutoff } from "./write-customer";

// The trash: customers and contacts deleted in the last 30 days, for Admins to restore; older
// ones are purged for good by purgeExpiredTrash (run by the scheduler).

export type TrashEntry = {
  kind: "customer" | "contact";
  id: string;
  name: string;
  customerName: string | null;
  deletedAt: Date;
  deletedBy: string | null;
  /** Whole days until it is purged for good. */
  daysLeft: number;
};

export async function listTrash(ctx: MemberContext, now = new Date()): Promise<TrashEntry[]> {
  const db = authorize(ctx, "records.restore");
  const cutoff = trashCutoff(now);
  const [customers, contacts] = await Promise.all([
    db.customer.findMany({
      where: { deletedAt: { not: null, gte: cutoff } },
      orderBy: [{ deletedAt: "desc" }, { id: "asc" }],
      take: 500,
      select: { id: true, name: true, deletedAt: true, deletedById: true },
    }),
    // A contact deleted with its customer comes back with the customer, so only lone deletions show.
    db.contact.findMany({
      where: { deletedAt: { not: null, gte: cutoff }, customer: { deletedAt: null } },
      orderBy: [{ deletedAt: "desc" }, { id: "asc" }],
      take: 500,
      select: { id: true, name: true, deletedAt: true, deletedById: true, customer: { select: { name: true } } },
    }),
  ]);
  const actorIds = [...new Set([...customers, ...contacts].map((row) => row.deletedById).filter((id): id is string => !!id))];
  const actors = actorIds.length ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(actors.map((actor) => [actor.id, actor.name]));
  const entries: TrashEntry[] = [
    ...customers.map((row) => ({
      kind: "customer" as const,
      id: row.id,
      name: row.name,
      customerName: null,
      deletedAt: row.deletedAt!,
      deletedBy: row.deletedById ? (names.get(row.deletedById) ?? null) : null,
      daysLeft: 0,
    })),
    ...contacts.map((row) => ({
      kind: "contact" as const,
      id: row.id,
      name: row.name,
      customerName: row.customer.name,
      deletedAt: row.deletedAt!,
      deletedBy: row.deletedById ? (names.get(row.deletedById) ?? null) : null,
      daysLeft: 0,
    })),
  ];
  for (const entry of entries) entry.daysLeft = Math.max(0, TRASH_DAYS - Math.floor((now.getTime() - entry.deletedAt.getTime()) / 86_400_000));
  return entries.sort((a, b) => b.deletedAt.getTime() - a.deletedAt.getTime());
}

/**
 * Deletes for good, in every workspace, the customers and contacts that have been in the trash
 * longer than 30 days (with what hangs off them: a purged customer's contacts, opportunities,
 * activities and tasks). Deliberately cross-tenant (systemDb): it is the scheduler's job.
 * Returns how many of each went.
 */
export async function purgeExpiredTrash(now = new Date()): Promise<{ customers: number; contacts: number }> {
  const db = systemDb();
  const cutoff = trashCutoff(now);
  return db.$transaction(async (tx) => {
    const expiredCustomers = await tx.customer.findMany({ where: { deletedAt: { lt: cutoff } }, select: { tenantId: true, id: true }, take: 5000 });
    let customers = 0;
    for (const { tenantId, id } of expiredCustomers) {
      // Tasks point at customers, contacts and opportunities without cascading; they go first.
      await tx.task.deleteMany({ where: { tenantId, OR: [{ customerId: id }, { contact: { customerId: id } }, { opportunity: { customerId: id } }] } });
      await tx.recordChange.deleteMany({ where: { tenantId, entityType: "customer", entityId: id } });
      customers += (await tx.customer.deleteMany({ where: { tenantId, id } })).count;
    }
    const expiredContacts = await tx.contact.findMany({ where: { deletedAt: { lt: cutoff } }, select: { tenantId: true, id: true }, take: 5000 });
    let contacts = 0;
    for (const { tenantId, id } of expiredContacts) {
      await tx.opportunity.updateMany({ where: { tenantId, contactId: id }, data: { contactId: null } });
      await tx.activity.updateMany({ where: { tenantId, contactId: id }, data: { contactId: null } });
      await tx.task.updateMany({ where: { tenantId, contactId: id }, data: { contactId: null } });
      await tx.recordChange.deleteMany({ where: { tenantId, entityType: "contact", entityId: id } });
      contacts += (await tx.contact.deleteMany({ where: { tenantId, id } })).count;
    }
    return { customers, contacts };
  }, { timeout: 120_000 });
}
