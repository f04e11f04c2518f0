import "server-only";
import { systemDb } from "@/lib/db/prisma";

/** Workspaces in which this email is an active member, for the "find my workspace" email. */
export async function findWorkspacesByEmail(email: string): Promise<{ name: string; slug: string }[]> {
  const rows = await systemDb().user.findMany({
    where: { email: email.trim().toLowerCase(), status: "ACTIVE" },
    select: { tenant: { select: { name: true, slug: true } } },
    orderBy: { createdAt: "asc" },
    take: 50,
  });
  return rows.map((row) => row.tenant);
}
