import "server-only";
import { authorize, type MemberContext } from "../context";
import type { StageKind } from "@/lib/generated/prisma/enums";

export type PipelineStageView = { id: string; name: string; probability: number; position: number; kind: StageKind };

/** The workspace's pipeline in board order (archived stages left out). Anyone who may read records. */
export async function listStages(ctx: MemberContext): Promise<PipelineStageView[]> {
  const db = authorize(ctx, "records.read");
  return db.pipelineStage.findMany({
    where: { archivedAt: null },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, probability: true, position: true, kind: true },
  });
}
