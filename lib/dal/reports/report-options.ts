import "server-only";
import type { StageKind } from "@/lib/generated/prisma/enums";
import type { ReportRequest } from "./report-request";

export type ReportOwnerOption = { id: string; name: string };
export type ReportStageOption = { id: string; name: string; kind: StageKind; archived: boolean };

/**
 * What the filters offer: the workspace's members (a deactivated member can still own records)
 * and its pipeline stages in order. A Sales rep who sees only their own records is offered only
 * themselves, so the owner list never lists colleagues' numbers they couldn't see anyway.
 */
export async function reportFilterOptions(req: ReportRequest): Promise<{ owners: ReportOwnerOption[]; stages: ReportStageOption[]; defaultCurrency: string }> {
  const [owners, stages, tenant] = await Promise.all([
    req.db.user.findMany({
      where: req.scope.ownOnly ? { id: req.scope.userId } : {},
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
    req.db.pipelineStage.findMany({
      select: { id: true, name: true, kind: true, archivedAt: true },
      orderBy: [{ position: "asc" }, { id: "asc" }],
    }),
    req.db.user.findFirst({ where: { id: req.userId }, select: { tenant: { select: { defaultCurrency: true } } } }),
  ]);
  return {
    owners,
    stages: stages.map((stage) => ({ id: stage.id, name: stage.name, kind: stage.kind, archived: stage.archivedAt !== null })),
    defaultCurrency: tenant?.tenant.defaultCurrency ?? "USD",
  };
}
