import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { hashPassword } from "@/lib/auth/password-hash";
import type { Role } from "@/lib/generated/prisma/enums";

// The workspace a fresh clone signs in to. Seeded only on the embedded development database (or
// when DEMO_WORKSPACE=true), never silently into a production database.
export const DEMO_SLUG = "demo";
export const DEMO_PASSWORD = "harbour-lantern-quartz";

export const DEMO_MEMBERS: { email: string; name: string; role: Role; employeeNumber?: string }[] = [
  { email: "owner@demo.relay-crm.test", name: "Olivia Owner", role: "OWNER" },
  { email: "admin@demo.relay-crm.test", name: "Adam Admin", role: "ADMIN" },
  { email: "manager@demo.relay-crm.test", name: "Mei Manager", role: "MANAGER", employeeNumber: "E1001" },
  { email: "rep@demo.relay-crm.test", name: "Ravi Rep", role: "SALES_REP", employeeNumber: "E1002" },
  { email: "viewer@demo.relay-crm.test", name: "Vera Viewer", role: "READ_ONLY" },
];

/** Creates the demo workspace unless it exists. Returns whether it was created. */
export async function ensureDemoWorkspace(): Promise<boolean> {
  const db = systemDb();
  if (await db.tenant.findUnique({ where: { slug: DEMO_SLUG } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: { slug: DEMO_SLUG, name: "Northwind Traders (demo)" } });
    await tx.securityPolicy.create({ data: { tenantId: tenant.id } });
    for (const member of DEMO_MEMBERS) {
      await tx.user.create({
        data: {
          tenantId: tenant.id,
          email: member.email,
          name: member.name,
          role: member.role,
          employeeNumber: member.employeeNumber ?? null,
          passwordHash,
          locale: "en",
        },
      });
    }
  });
  return true;
}

/** Removes the demo workspace and everything in it, so the next start seeds it afresh. */
export async function deleteDemoWorkspace(): Promise<void> {
  await systemDb().tenant.deleteMany({ where: { slug: DEMO_SLUG } });
}
