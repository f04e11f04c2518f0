import "server-only";
import { fieldErrorsFrom } from "@/lib/forms/form-state";
import { opportunityMoveSchema, type OpportunityMoveInput } from "@/lib/validation/opportunity";
import { authorize, type MemberContext } from "../context";
import { recordScope } from "../crm/visibility";
import { closedAtFor, liveStage, visibleOpportunity, writeChange, type OpportunityWriteResult } from "./write-opportunity";

/** The board's drag and drop and "Move to…": the new stage, its default probability, closedAt. */
export async function moveOpportunity(ctx: MemberContext, input: OpportunityMoveInput): Promise<OpportunityWriteResult> {
  const db = authorize(ctx, "records.write");
  const parsed = opportunityMoveSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const data = parsed.data;
  const scope = await recordScope(ctx);
  const before = await visibleOpportunity(db, scope, data.id);
  if (!before) return { ok: false, reason: "notFound" };
  const version = data.version ?? before.version;
  if (before.version !== version) return { ok: false, reason: "conflict" };
  if (before.stageId === data.stageId) return { ok: true, id: before.id, version };
  const stage = await liveStage(db, data.stageId);
  if (!stage) return { ok: false, fieldErrors: { stageId: ["opportunityStageNotFound"] } };
  if (stage.kind === "LOST" && !data.lostReason) return { ok: false, fieldErrors: { lostReason: ["lostReasonRequired"] } };
  return writeChange(
    ctx,
    db,
    before,
    version,
    {
      stageId: stage.id,
      probability: stage.probability,
      lostReason: stage.kind === "LOST" ? data.lostReason : null,
      closedAt: closedAtFor(stage.kind, { kind: before.stage.kind, closedAt: before.closedAt }),
    },
    "stage-changed",
  );
}
