// The home's setup checklist: each step is ticked by real data, never by hand; each role sees what
// it can do; hiding it is the viewer's own and stays inside their workspace.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { TEST_META, addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import { customerInputSchema } from "@/lib/validation/customer";
import { createCustomer } from "../customers/write-customer";
import { inviteMember } from "../invitations/invite-member";
import { revokeInvitation } from "../invitations/manage-invitation";
import { listStagesForSettings, updateStage } from "../pipeline/manage-stages";
import { updatePasswordPolicy } from "../security-policy/update-password-policy";
import { policyFromSecurityPolicy } from "@/lib/auth/password-policy/policy";
import { getSetupChecklist, markPipelineStagesSet, setSetupChecklistHidden, type SetupStep } from "./setup-checklist";

let ws: TestWorkspace;
let owner: MemberContext;

beforeEach(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
});

async function doneSteps(ctx: MemberContext = owner): Promise<SetupStep[]> {
  const checklist = await getSetupChecklist(ctx);
  return (checklist?.steps ?? []).filter((entry) => entry.done).map((entry) => entry.step);
}

async function addPasskey(userId: string) {
  await systemDb().passkey.create({ data: { tenantId: ws.tenant.id, userId, credentialId: `cred-${userId}`, publicKey: Buffer.from([1]), name: "Laptop" } });
}

describe("a new workspace's checklist", () => {
  it("starts with all five steps to do for its Owner", async () => {
    expect(await getSetupChecklist(owner)).toEqual({
      steps: [
        { step: "invite", done: false },
        { step: "customers", done: false },
        { step: "stages", done: false },
        { step: "security", done: false },
        { step: "passkey", done: false },
      ],
      doneCount: 0,
      allDone: false,
      hidden: false,
    });
  });

  it("ticks each step off from the workspace's data, and is all done after the last", async () => {
    const invited = await inviteMember(owner, { email: `new-${ws.tenant.slug}@example.test`, role: "SALES_REP", employeeNumber: null, locale: "en" }, TEST_META);
    expect(invited).toMatchObject({ ok: true });
    expect(await doneSteps()).toEqual(["invite"]);

    expect(await createCustomer(owner, customerInputSchema.parse({ name: "Lantern Foods", ownerId: ws.owner.id }))).toMatchObject({ ok: true });
    expect(await doneSteps()).toEqual(["invite", "customers"]);

    const [first] = await listStagesForSettings(owner);
    expect(await updateStage(owner, { id: first!.id, name: "Discovery", probability: String(first!.probability) }, TEST_META)).toEqual({ ok: true });
    expect(await doneSteps()).toEqual(["invite", "customers", "stages"]);

    // Saving the recommended policy unchanged is a choice too.
    const policy = policyFromSecurityPolicy(await systemDb().securityPolicy.upsert({ where: { tenantId: ws.tenant.id }, create: { tenantId: ws.tenant.id }, update: {} }));
    expect(await updatePasswordPolicy(owner, policy, TEST_META)).toEqual({ ok: true, changes: {} });
    expect(await doneSteps()).toEqual(["invite", "customers", "stages", "security"]);

    await addPasskey(ws.owner.id);
    const checklist = await getSetupChecklist(owner);
    expect(checklist).toMatchObject({ doneCount: 5, allDone: true });
  });

  it("a revoked invitation is not an invited team; a member who joined is", async () => {
    const invited = await inviteMember(owner, { email: `gone-${ws.tenant.slug}@example.test`, role: "SALES_REP", employeeNumber: null, locale: "en" }, TEST_META);
    if (!invited.ok) throw new Error("invite failed");
    await revokeInvitation(owner, invited.invitationId, TEST_META);
    expect(await doneSteps()).not.toContain("invite");
    await addMember(ws.tenant.id, "MANAGER");
    expect(await doneSteps()).toContain("invite");
  });

  it("a customer in the trash does not count", async () => {
    const created = await createCustomer(owner, customerInputSchema.parse({ name: "Binned Ltd", ownerId: ws.owner.id }));
    if (!created.ok) throw new Error("create failed");
    await systemDb().customer.updateMany({ where: { tenantId: ws.tenant.id }, data: { deletedAt: new Date() } });
    expect(await doneSteps()).not.toContain("customers");
  });

  it("keeping the default stages on purpose ticks the stages step", async () => {
    await markPipelineStagesSet(owner);
    expect(await doneSteps()).toEqual(["stages"]);
  });

  it("requiring two-step sign-in ticks the security step", async () => {
    await systemDb().mfaPolicy.upsert({ where: { tenantId: ws.tenant.id }, create: { tenantId: ws.tenant.id, requirement: "ADMINS" }, update: { requirement: "ADMINS" } });
    expect(await doneSteps()).toEqual(["security"]);
  });

  it("the passkey step is the viewer's own: another member's passkey doesn't tick it", async () => {
    const admin = await addMember(ws.tenant.id, "ADMIN");
    await addPasskey(admin.id);
    expect(await doneSteps()).toEqual(["invite"]);
    expect(await doneSteps(memberContext(admin, ws.tenant))).toEqual(["invite", "passkey"]);
  });

  it("has no passkey step where the workspace doesn't allow passkey sign-in", async () => {
    await systemDb().mfaPolicy.upsert({ where: { tenantId: ws.tenant.id }, create: { tenantId: ws.tenant.id, allowPasskey: false }, update: { allowPasskey: false } });
    expect((await getSetupChecklist(owner))?.steps.map((entry) => entry.step)).toEqual(["invite", "customers", "stages", "security"]);
  });
});

describe("who sees it", () => {
  it("Owners and Admins; Managers, Sales reps and Read-only members have none", async () => {
    const admin = await addMember(ws.tenant.id, "ADMIN");
    expect((await getSetupChecklist(memberContext(admin, ws.tenant)))?.steps).toHaveLength(5);
    for (const role of ["MANAGER", "SALES_REP", "READ_ONLY"] as const) {
      expect(await getSetupChecklist(memberContext(await addMember(ws.tenant.id, role), ws.tenant))).toBeNull();
    }
  });
});

describe("hiding it", () => {
  it("is the member's own: the Owner hides it, an Admin still sees it; showing it again brings it back", async () => {
    const admin = memberContext(await addMember(ws.tenant.id, "ADMIN"), ws.tenant);
    await setSetupChecklistHidden(owner, true);
    expect((await getSetupChecklist(owner))?.hidden).toBe(true);
    expect((await getSetupChecklist(admin))?.hidden).toBe(false);
    await setSetupChecklistHidden(owner, false);
    expect((await getSetupChecklist(owner))?.hidden).toBe(false);
  });

  it("is refused to roles without a checklist", async () => {
    for (const role of ["MANAGER", "SALES_REP", "READ_ONLY"] as const) {
      const member = await addMember(ws.tenant.id, role);
      await expect(setSetupChecklistHidden(memberContext(member, ws.tenant), true)).rejects.toBeInstanceOf(PermissionDeniedError);
      expect((await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: member.id } } })).checklistHiddenAt).toBeNull();
    }
  });

  it("cannot reach another workspace: B's Owner context carrying A's Owner's id hides nothing in A", async () => {
    const other = await createWorkspace();
    // A forged context: workspace B, but the user id of A's Owner.
    await setSetupChecklistHidden(memberContext(ws.owner, other.tenant), true);
    expect((await getSetupChecklist(owner))?.hidden).toBe(false);
    expect((await systemDb().user.findUniqueOrThrow({ where: { tenantId_id: { tenantId: ws.tenant.id, id: ws.owner.id } } })).checklistHiddenAt).toBeNull();
    // …and marking B's stages never marks A's.
    await markPipelineStagesSet(memberContext(other.owner, other.tenant));
    expect(await doneSteps()).not.toContain("stages");
  });
});
