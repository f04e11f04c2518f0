// The pipeline editor: exactly one Won and one Lost stage kept, a stage with opportunities can't be
// archived until they move, new stages go before Won/Lost, reordering, permissions, audit.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { TEST_META, addMember, auditEvents, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import { createOpportunity } from "../opportunities/write-opportunity";
import { moveOpportunity } from "../opportunities/move-opportunity";
import { archiveStage, createStage, listStagesForSettings, moveStage, updateStage } from "./manage-stages";
import { listStages } from "./list-stages";

let ws: TestWorkspace;
let owner: MemberContext;

beforeEach(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
});

const names = async () => (await listStages(owner)).map((stage) => stage.name);

describe("pipeline stages", () => {
  it("adds new stages before Won and Lost, reorders, renames, and audits", async () => {
    expect(await createStage(owner, { name: "Demo", probability: "40" }, TEST_META)).toEqual({ ok: true });
    expect(await names()).toEqual(["Qualification", "Needs analysis", "Proposal", "Negotiation", "Demo", "Won", "Lost"]);
    const demo = (await listStages(owner)).find((stage) => stage.name === "Demo")!;
    await moveStage(owner, { id: demo.id, direction: "up" }, TEST_META);
    expect(await names()).toEqual(["Qualification", "Needs analysis", "Proposal", "Demo", "Negotiation", "Won", "Lost"]);
    expect(await updateStage(owner, { id: demo.id, name: "Live demo", probability: "45" }, TEST_META)).toEqual({ ok: true });
    expect((await listStages(owner)).find((stage) => stage.id === demo.id)).toMatchObject({ name: "Live demo", probability: 45 });
    expect(await updateStage(owner, { id: demo.id, name: " ", probability: "101" }, TEST_META)).toEqual({
      ok: false,
      fieldErrors: { name: ["stageNameRequired"], probability: ["probabilityInvalid"] },
    });
    expect((await auditEvents(ws.tenant.id, "crm.settings_changed")).length).toBe(3);
  });

  it("refuses to archive Won or Lost, or a stage that still has opportunities", async () => {
    const stages = await listStagesForSettings(owner);
    const won = stages.find((stage) => stage.kind === "WON")!;
    const lost = stages.find((stage) => stage.kind === "LOST")!;
    expect(await archiveStage(owner, won.id, TEST_META)).toEqual({ ok: false, formError: "stageKindLast" });
    expect(await archiveStage(owner, lost.id, TEST_META)).toEqual({ ok: false, formError: "stageKindLast" });
    const proposal = stages.find((stage) => stage.name === "Proposal")!;
    const customer = await systemDb().customer.create({ data: { tenantId: ws.tenant.id, name: "Acme", ownerId: ws.owner.id } });
    const created = await createOpportunity(owner, { title: "Deal", customerId: customer.id, currency: "USD", stageId: proposal.id });
    if (!created.ok) throw new Error("create");
    expect(await archiveStage(owner, proposal.id, TEST_META)).toEqual({ ok: false, formError: "stageHasOpportunities", values: { count: "1" } });
    expect(await names()).toContain("Proposal");
    await moveOpportunity(owner, { id: created.id, stageId: stages[0]!.id });
    expect(await archiveStage(owner, proposal.id, TEST_META)).toEqual({ ok: true });
    expect(await names()).not.toContain("Proposal");
    // An archived stage can't receive opportunities.
    expect(await moveOpportunity(owner, { id: created.id, stageId: proposal.id })).toEqual({ ok: false, fieldErrors: { stageId: ["opportunityStageNotFound"] } });
  });

  it("is managed by Owners and Admins only, each in their own workspace", async () => {
    const manager = memberContext(await addMember(ws.tenant.id, "MANAGER"), ws.tenant);
    await expect(createStage(manager, { name: "X", probability: "1" }, TEST_META)).rejects.toThrow(PermissionDeniedError);
    const other = await createWorkspace();
    const foreign = await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: other.tenant.id, kind: "OPEN" } });
    expect(await archiveStage(owner, foreign.id, TEST_META)).toEqual({ ok: false, formError: "stageGone" });
    expect(await updateStage(owner, { id: foreign.id, name: "Hijacked", probability: "1" }, TEST_META)).toEqual({ ok: false, formError: "stageGone" });
    expect((await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: other.tenant.id, id: foreign.id } })).name).toBe(foreign.name);
  });
});
