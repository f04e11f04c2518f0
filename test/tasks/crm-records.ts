// Customers and opportunities for the task and schedule tests, inserted directly (the CRM's own
// forms are tested in their areas); each row is a real row in this test file's database.
import { systemDb } from "@/lib/db/prisma";
import { uniqueSuffix } from "@/test/factories";

export async function insertCustomer(tenantId: string, ownerId: string, name = `Customer ${uniqueSuffix()}`) {
  return systemDb().customer.create({ data: { tenantId, name, ownerId } });
}

export async function insertContact(tenantId: string, customerId: string, name = `Contact ${uniqueSuffix()}`) {
  return systemDb().contact.create({ data: { tenantId, customerId, name } });
}

export async function insertOpportunity(
  tenantId: string,
  ownerId: string,
  customerId: string,
  extra: { title?: string; lastActivityAt?: Date; stageKind?: "OPEN" | "WON" | "LOST" } = {},
) {
  const stage = await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId, kind: extra.stageKind ?? "OPEN" }, orderBy: { position: "asc" } });
  return systemDb().opportunity.create({
    data: {
      tenantId,
      title: extra.title ?? `Deal ${uniqueSuffix()}`,
      customerId,
      ownerId,
      stageId: stage.id,
      probability: stage.probability,
      lastActivityAt: extra.lastActivityAt ?? new Date(),
      closedAt: stage.kind === "OPEN" ? null : new Date(),
    },
  });
}
