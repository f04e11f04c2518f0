// The member's security checklist says what sign-in actually enforces, and recovery codes follow
// every second factor now, not only the authenticator app: they can be renewed by a member with
// just a passkey, and turning the app off leaves them while another factor remains.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { countUnusedRecoveryCodes, consumeRecoveryCode } from "@/lib/auth/recovery-codes";
import { enrolPasskey, enrolTotp, giveRecoveryCodes, setMfaPolicy } from "@/lib/auth/mfa-test-helpers";
import { addMember, createWorkspace, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import { createSession } from "@/lib/auth/sessions";
import type { User } from "@/lib/generated/prisma/client";
import { getSecurityChecklist } from "./security-checklist";
import { disableEmailCodeFactor, disableTotp, regenerateOwnRecoveryCodes, removePhone } from "./own-mfa";
import { enrolPhone } from "@/lib/auth/mfa-test-helpers";

const DAY = 24 * 60 * 60_000;
let ws: TestWorkspace;
let member: User;

beforeEach(async () => {
  ws = await createWorkspace();
  member = await addMember(ws.tenant.id, "SALES_REP");
});

async function otherSession(now = new Date()) {
  const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: ws.tenant.id } });
  return createSession({ tenantId: ws.tenant.id, userId: member.id, policy: tenant, restriction: null, amr: ["pwd"], ip: null, userAgent: "other browser", now });
}

describe("the security checklist", () => {
  it("for a new member: nothing on, password fresh, no other session", async () => {
    const ctx = memberContext(member, ws.tenant);
    expect(await getSecurityChecklist(ctx)).toEqual({ twoStepOn: false, passkeys: 0, password: { ageDays: 0, maxAgeDays: 0, expired: false }, recoveryCodesLeft: 0, otherSessions: 0 });
  });

  it("counts passkeys, codes left and other sessions, and measures the password against the policy", async () => {
    await enrolPasskey(ws.tenant.id, member.id);
    const codes = await giveRecoveryCodes(ws.tenant.id, member.id);
    await consumeRecoveryCode(ws.tenant.id, member.id, codes[0]!);
    await systemDb().securityPolicy.update({ where: { tenantId: ws.tenant.id }, data: { passwordMaxAgeDays: 30 } });
    await systemDb().user.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: member.id } }, data: { passwordChangedAt: new Date(Date.now() - 31 * DAY) } });
    const current = await otherSession();
    await otherSession();
    const ctx = { ...memberContext(member, ws.tenant), sessionId: current.sessionId };
    expect(await getSecurityChecklist(ctx)).toEqual({ twoStepOn: true, passkeys: 1, password: { ageDays: 31, maxAgeDays: 30, expired: true }, recoveryCodesLeft: 9, otherSessions: 1 });
  });

  it("doesn't call two-step sign-in on for a factor the workspace no longer allows", async () => {
    await enrolPasskey(ws.tenant.id, member.id);
    await setMfaPolicy(ws.tenant.id, { allowPasskeyAsFactor: false });
    expect(await getSecurityChecklist(memberContext(member, ws.tenant))).toMatchObject({ twoStepOn: false, passkeys: 1 });
  });
});

describe("recovery codes beside any second factor", () => {
  it("can be renewed by a member whose only factor is a passkey, but not by one with none", async () => {
    const ctx = memberContext(member, ws.tenant);
    expect(await regenerateOwnRecoveryCodes(ctx, TEST_META)).toEqual({ ok: false, reason: "not-enabled" });
    await enrolPasskey(ws.tenant.id, member.id);
    const renewed = await regenerateOwnRecoveryCodes(ctx, TEST_META);
    expect(renewed.ok && renewed.recoveryCodes).toHaveLength(10);
  });

  it("stay when the authenticator app is turned off while a passkey remains, and go with the last factor", async () => {
    const ctx = memberContext(member, ws.tenant);
    await enrolTotp(ws.tenant.id, member.id);
    await enrolPasskey(ws.tenant.id, member.id);
    await giveRecoveryCodes(ws.tenant.id, member.id);
    expect(await disableTotp(ctx, TEST_META)).toEqual({ ok: true });
    expect(await countUnusedRecoveryCodes(ws.tenant.id, member.id)).toBe(10);

    const alone = await addMember(ws.tenant.id, "SALES_REP");
    await enrolTotp(ws.tenant.id, alone.id);
    await giveRecoveryCodes(ws.tenant.id, alone.id);
    expect(await disableTotp(memberContext(alone, ws.tenant), TEST_META)).toEqual({ ok: true });
    expect(await countUnusedRecoveryCodes(ws.tenant.id, alone.id)).toBe(0);
  });

  it("go when the last phone or codes by email go, so the next first factor brings a fresh set", async () => {
    const ctx = memberContext(member, ws.tenant);
    await enrolPhone(ws.tenant.id, member.id, "+8613900139456");
    await systemDb().emailCodeFactor.create({ data: { tenantId: ws.tenant.id, userId: member.id } });
    await giveRecoveryCodes(ws.tenant.id, member.id);
    expect(await removePhone(ctx, TEST_META)).toEqual({ ok: true });
    expect(await countUnusedRecoveryCodes(ws.tenant.id, member.id)).toBe(10);
    expect(await disableEmailCodeFactor(ctx, TEST_META)).toEqual({ ok: true });
    expect(await countUnusedRecoveryCodes(ws.tenant.id, member.id)).toBe(0);
  });
});
