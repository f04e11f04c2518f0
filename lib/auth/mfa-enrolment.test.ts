// The forced enrolment offers every factor the policy allows, and each one completes it: a passkey,
// an authenticator app, a phone, and codes by email for members other than Owners and Admins (for
// them the same mailbox could reset the password, so it is not two-step sign-in). A factor the
// policy doesn't allow completes nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { Role } from "@/lib/generated/prisma/enums";
import { establishSignIn } from "./complete-sign-in";
import { finishForcedEnrolment, mfaEnrolmentDeadline } from "./mfa-enrolment";
import { enrolPasskey, enrolPhone, enrolTotp, setMfaPolicy } from "./mfa-test-helpers";
import { validateSessionToken } from "./sessions";

const DAY = 24 * 60 * 60_000;
let ws: TestWorkspace;

beforeEach(async () => {
  ws = await createWorkspace();
  await setMfaPolicy(ws.tenant.id, { requirement: "EVERYONE", graceDays: 0, requirementSince: new Date(Date.now() - DAY), allowEmailCode: true });
});

/** A member past the grace period, signed in with a password: their session owes the enrolment. */
async function owingEnrolment(role: Role) {
  const member = await addMember(ws.tenant.id, role);
  await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: member.id } }, data: { createdAt: new Date(Date.now() - 10 * DAY) } });
  const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: ws.tenant.id } });
  const session = await establishSignIn({ tenant, userId: member.id, method: "password", ip: null, userAgent: null });
  expect(session.step).toBe("mfa-enrol");
  const ctx = { ...memberContext(member, ws.tenant), role, sessionId: session.sessionId, restriction: "mfa-enrol" as const, pendingSteps: ["mfa-enrol" as const] };
  return { member, session, ctx };
}

const FACTORS: Record<string, (tenantId: string, userId: string) => Promise<unknown>> = {
  "a passkey": enrolPasskey,
  "an authenticator app": enrolTotp,
  "a phone": (tenantId, userId) => enrolPhone(tenantId, userId, `+86139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`),
};

describe("forced enrolment", () => {
  for (const [name, enrol] of Object.entries(FACTORS)) {
    it(`is completed by ${name}, for an admin as for anyone`, async () => {
      const { member, session, ctx } = await owingEnrolment("ADMIN");
      expect(await finishForcedEnrolment(ctx)).toEqual({ enrolled: false, nextStep: "mfa-enrol" });
      await enrol(ws.tenant.id, member.id);
      expect(await finishForcedEnrolment(ctx)).toEqual({ enrolled: true, nextStep: null });
      expect((await validateSessionToken(session.token))?.restriction).toBeNull();
    });
  }

  it("is completed by codes by email for a sales rep, but not for an Owner or Admin", async () => {
    const rep = await owingEnrolment("SALES_REP");
    await systemDb().emailCodeFactor.create({ data: { tenantId: ws.tenant.id, userId: rep.member.id } });
    expect(await finishForcedEnrolment(rep.ctx)).toEqual({ enrolled: true, nextStep: null });

    for (const role of ["ADMIN", "OWNER"] as const) {
      const admin = await owingEnrolment(role);
      await systemDb().emailCodeFactor.create({ data: { tenantId: ws.tenant.id, userId: admin.member.id } });
      expect(await finishForcedEnrolment(admin.ctx)).toEqual({ enrolled: false, nextStep: "mfa-enrol" });
      expect((await validateSessionToken(admin.session.token))?.restriction).toBe("mfa-enrol");
      expect(await mfaEnrolmentDeadline(admin.ctx)).toMatchObject({ passed: true });
    }
  });

  it("is not completed by a factor the policy doesn't allow", async () => {
    await setMfaPolicy(ws.tenant.id, { allowSms: false, allowPasskeyAsFactor: false });
    const { member, ctx } = await owingEnrolment("SALES_REP");
    await enrolPhone(ws.tenant.id, member.id, "+8613900139123");
    await enrolPasskey(ws.tenant.id, member.id);
    expect(await finishForcedEnrolment(ctx)).toEqual({ enrolled: false, nextStep: "mfa-enrol" });
  });
});
