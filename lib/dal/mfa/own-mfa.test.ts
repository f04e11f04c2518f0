// A member's own second factors through the DAL, as the security page drives them: setting up the
// authenticator app, recovery codes, verifying a phone, and the changes that need a recent
// verification (a stolen session alone must not weaken the account).
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { consumeRecoveryCode, countUnusedRecoveryCodes } from "@/lib/auth/recovery-codes";
import { decodeTotpSecret, hotp, totpStep } from "@/lib/auth/totp";
import { verifyTotpForUser } from "@/lib/auth/totp-factor";
import { TEST_META, addMember, auditEvents, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/auth/current-member";
import {
  cancelTotpEnrolment,
  confirmPhoneVerification,
  confirmTotpEnrolment,
  disableTotp,
  getOwnMfaOverview,
  getPendingTotpEnrolment,
  regenerateOwnRecoveryCodes,
  removePhone,
  sendPhoneVerificationCode,
  startTotpEnrolment,
} from "./own-mfa";

let ws: TestWorkspace;
let ctx: MemberContext;
const longAgo = () => new Date(Date.now() - 60 * 60_000);

function codeFor(secret: string, at = new Date(), offset = 0) {
  return hotp(decodeTotpSecret(secret), totpStep(at) + BigInt(offset));
}

async function enableTotp(context: MemberContext) {
  await startTotpEnrolment(context);
  const pending = await getPendingTotpEnrolment(context);
  const result = await confirmTotpEnrolment(context, codeFor(pending!.secret), TEST_META);
  if (!result.ok) throw new Error("could not enable TOTP");
  return { secret: pending!.secret, recoveryCodes: result.recoveryCodes };
}

async function lastSmsCode(to: string) {
  const message = await systemDb().smsMessage.findFirstOrThrow({ where: { to }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return /\b(\d{6})\b/.exec(message.body)![1]!;
}

beforeEach(async () => {
  ws = await createWorkspace();
  ctx = memberContext(ws.owner, ws.tenant);
});

describe("authenticator app enrolment", () => {
  it("is off until confirmed with a code, then gives ten recovery codes once", async () => {
    expect(await startTotpEnrolment(ctx)).toEqual({ ok: true });
    const pending = await getPendingTotpEnrolment(ctx);
    expect(pending?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(pending?.uri).toContain(`secret=${pending?.secret}`);
    expect(pending?.uri).toContain(encodeURIComponent(ws.tenant.name));
    expect(pending?.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(pending?.groupedSecret.replace(/ /g, "")).toBe(pending?.secret);

    // Not yet a factor: sign-in can't use it.
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, codeFor(pending!.secret))).toBe("not-enrolled");
    expect((await getOwnMfaOverview(ctx)).totp).toBeNull();
    expect((await getOwnMfaOverview(ctx)).totpPending).toBe(true);

    expect(await confirmTotpEnrolment(ctx, "000000" === codeFor(pending!.secret) ? "111111" : "000000", TEST_META)).toEqual({ ok: false, reason: "invalid" });
    expect(await confirmTotpEnrolment(ctx, codeFor(pending!.secret, new Date(), -2), TEST_META)).toEqual({ ok: false, reason: "invalid" });

    const code = codeFor(pending!.secret);
    const confirmed = await confirmTotpEnrolment(ctx, code, TEST_META);
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    expect(confirmed.recoveryCodes).toHaveLength(10);
    expect(await countUnusedRecoveryCodes(ws.tenant.id, ws.owner.id)).toBe(10);

    // The confirming code is used up; the secret is no longer shown.
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, code)).toBe("replayed");
    expect(await getPendingTotpEnrolment(ctx)).toBeNull();
    const overview = await getOwnMfaOverview(ctx);
    expect(overview.totp?.confirmedAt).toBeInstanceOf(Date);
    expect(overview.recoveryCodesLeft).toBe(10);
    expect((await auditEvents(ws.tenant.id, "mfa.totp.enabled")).map((e) => e.actorUserId)).toEqual([ws.owner.id]);

    // Can't be set up twice, and a second confirm finds nothing to confirm.
    expect(await startTotpEnrolment(ctx)).toEqual({ ok: false, reason: "already-enabled" });
    expect(await confirmTotpEnrolment(ctx, codeFor(pending!.secret, new Date(), 1), TEST_META)).toEqual({ ok: false, reason: "no-enrolment" });
  });

  it("starting again replaces an unconfirmed secret; cancelling removes it", async () => {
    await startTotpEnrolment(ctx);
    const first = await getPendingTotpEnrolment(ctx);
    await startTotpEnrolment(ctx);
    const second = await getPendingTotpEnrolment(ctx);
    expect(second?.secret).not.toBe(first?.secret);
    expect(await confirmTotpEnrolment(ctx, codeFor(first!.secret), TEST_META)).toEqual({ ok: false, reason: "invalid" });
    await cancelTotpEnrolment(ctx);
    expect(await getPendingTotpEnrolment(ctx)).toBeNull();
    expect(await confirmTotpEnrolment(ctx, codeFor(second!.secret), TEST_META)).toEqual({ ok: false, reason: "no-enrolment" });
  });

  it("is refused when the workspace doesn't allow authenticator apps", async () => {
    await systemDb().mfaPolicy.upsert({ where: { tenantId: ws.tenant.id }, create: { tenantId: ws.tenant.id, allowTotp: false }, update: { allowTotp: false } });
    expect(await startTotpEnrolment(ctx)).toEqual({ ok: false, reason: "not-allowed" });
    expect((await getOwnMfaOverview(ctx)).allowTotp).toBe(false);
  });

  it("keeps each member's enrolment to themselves", async () => {
    const colleague = await addMember(ws.tenant.id, "SALES_REP");
    const colleagueCtx = memberContext(colleague, ws.tenant);
    await startTotpEnrolment(ctx);
    expect(await getPendingTotpEnrolment(colleagueCtx)).toBeNull();
    const pending = await getPendingTotpEnrolment(ctx);
    expect(await confirmTotpEnrolment(colleagueCtx, codeFor(pending!.secret), TEST_META)).toEqual({ ok: false, reason: "no-enrolment" });
  });
});

describe("changes that need a recent verification", () => {
  it("switching the authenticator app off", async () => {
    const { secret } = await enableTotp(ctx);
    expect(await disableTotp({ ...ctx, verifiedAt: longAgo() }, TEST_META)).toEqual({ ok: false, reason: "reverify" });
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, codeFor(secret, new Date(), 1))).toBe("ok");

    expect(await disableTotp(ctx, TEST_META)).toEqual({ ok: true });
    expect(await verifyTotpForUser(ws.tenant.id, ws.owner.id, codeFor(secret))).toBe("not-enrolled");
    expect(await countUnusedRecoveryCodes(ws.tenant.id, ws.owner.id)).toBe(0);
    expect(await auditEvents(ws.tenant.id, "mfa.totp.disabled")).toHaveLength(1);
    expect(await disableTotp(ctx, TEST_META)).toEqual({ ok: false, reason: "not-enabled" });
  });

  it("new recovery codes", async () => {
    const { recoveryCodes: old } = await enableTotp(ctx);
    expect(await regenerateOwnRecoveryCodes({ ...ctx, verifiedAt: longAgo() }, TEST_META)).toEqual({ ok: false, reason: "reverify" });
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, old[0]!)).toBe(true);

    const fresh = await regenerateOwnRecoveryCodes(ctx, TEST_META);
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, old[1]!)).toBe(false);
    expect(await consumeRecoveryCode(ws.tenant.id, ws.owner.id, fresh.recoveryCodes[0]!)).toBe(true);
    expect(await auditEvents(ws.tenant.id, "mfa.recovery_codes.regenerated")).toHaveLength(1);
  });

  it("new recovery codes need the authenticator app on", async () => {
    expect(await regenerateOwnRecoveryCodes(ctx, TEST_META)).toEqual({ ok: false, reason: "not-enabled" });
  });
});

describe("phone for SMS codes", () => {
  const phone = "+8613900139000";

  it("is verified with the texted code, read in the country picked beside it", async () => {
    expect(await sendPhoneVerificationCode(ctx, { phone: "139 0013 9000", country: "CN", locale: "en" })).toEqual({ ok: true, display: "+86 139 0013 9000", resendAfterSeconds: 60 });
    const overview = await getOwnMfaOverview(ctx);
    expect(overview.phone).toBeNull();
    expect(overview.pendingPhone).toMatchObject({ e164: phone, display: "+86 139 0013 9000" });
    expect(overview.pendingPhone!.resendInSeconds).toBeGreaterThan(50);

    const code = await lastSmsCode(phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    expect(await confirmPhoneVerification(ctx, wrong, TEST_META)).toEqual({ ok: false, reason: "invalid" });
    // The phone is this member's first second factor: it comes with ten recovery codes, shown once.
    const confirmed = await confirmPhoneVerification(ctx, code, TEST_META);
    expect(confirmed).toMatchObject({ ok: true, display: "+86 139 0013 9000" });
    expect(confirmed.ok && confirmed.recoveryCodes).toHaveLength(10);
    const after = await getOwnMfaOverview(ctx);
    expect(after.phone).toMatchObject({ e164: phone, masked: "+86 139 **** 9000" });
    expect(after.pendingPhone).toBeNull();
    const [event] = await auditEvents(ws.tenant.id, "mfa.phone.verified");
    expect(event?.data).toEqual({ phone: "+86 139 **** 9000", otherSessionsEnded: 0 });
    expect(await confirmPhoneVerification(ctx, code, TEST_META)).toEqual({ ok: false, reason: "no-code" });
  });

  it("reads a number without + in the workspace's default country when none is picked, whatever the member's language", async () => {
    // An English-language workspace starts on US; the member reading Chinese doesn't change that.
    expect(await sendPhoneVerificationCode(ctx, { phone: "139 0013 9000", locale: "zh-CN" })).toEqual({ ok: false, reason: "invalid" });
    expect(await sendPhoneVerificationCode(ctx, { phone: "(415) 555-2671", locale: "zh-CN" })).toMatchObject({ ok: true, display: "+1 415 555 2671" });
    const chinese = await createWorkspace({ locale: "zh-CN" });
    const chineseOwner = memberContext(chinese.owner, chinese.tenant);
    expect(await sendPhoneVerificationCode(chineseOwner, { phone: "139 0013 9000", locale: "en" })).toMatchObject({ ok: true, display: "+86 139 0013 9000" });
    // A picked country that isn't one falls back to the workspace's, never to a guess.
    const rep = await addMember(chinese.tenant.id, "SALES_REP");
    expect(await sendPhoneVerificationCode(memberContext(rep, chinese.tenant), { phone: "137 0013 7000", country: "ZZ", locale: "en" })).toMatchObject({ ok: true, display: "+86 137 0013 7000" });
  });

  it("refuses malformed and landline numbers without sending anything", async () => {
    expect(await sendPhoneVerificationCode(ctx, { phone: "12345", locale: "en" })).toEqual({ ok: false, reason: "invalid" });
    expect(await sendPhoneVerificationCode(ctx, { phone: "13900139000", locale: "en" })).toEqual({ ok: false, reason: "invalid" });
    expect(await sendPhoneVerificationCode(ctx, { phone: "+44 20 7946 0958", locale: "en" })).toEqual({ ok: false, reason: "not-mobile" });
    expect(await systemDb().smsMessage.count({ where: { tenantId: ws.tenant.id } })).toBe(0);
  });

  it("changing or removing a verified number needs a recent verification", async () => {
    await sendPhoneVerificationCode(ctx, { phone, locale: "en" });
    await confirmPhoneVerification(ctx, await lastSmsCode(phone), TEST_META);
    const stale = { ...ctx, verifiedAt: longAgo() };

    expect(await sendPhoneVerificationCode(stale, { phone: "+8613700137000", locale: "en" })).toEqual({ ok: false, reason: "reverify" });
    expect(await sendPhoneVerificationCode(ctx, { phone, locale: "en" })).toEqual({ ok: false, reason: "same-number" });
    expect(await removePhone(stale, TEST_META)).toEqual({ ok: false, reason: "reverify" });
    expect((await getOwnMfaOverview(ctx)).phone?.e164).toBe(phone);

    // Past the 60-second wait between texts.
    await systemDb().smsCode.updateMany({ where: { tenantId: ws.tenant.id }, data: { createdAt: new Date(Date.now() - 61_000) } });
    expect(await sendPhoneVerificationCode(ctx, { phone: "+8613700137000", locale: "en" })).toMatchObject({ ok: true });
    // The old number still works until the new one is verified.
    expect((await getOwnMfaOverview(ctx)).phone?.e164).toBe(phone);
    // Replacing the number is not a first factor: the recovery codes stay as they were.
    expect(await confirmPhoneVerification(ctx, await lastSmsCode("+8613700137000"), TEST_META)).toMatchObject({ ok: true, recoveryCodes: null });
    expect((await getOwnMfaOverview(ctx)).phone?.e164).toBe("+8613700137000");
    const events = await auditEvents(ws.tenant.id, "mfa.phone.verified");
    expect(events[1]?.data).toEqual({ phone: "+86 137 **** 7000", replacedPhone: "+86 139 **** 9000", otherSessionsEnded: 0 });

    expect(await removePhone(ctx, TEST_META)).toEqual({ ok: true });
    expect((await getOwnMfaOverview(ctx)).phone).toBeNull();
    expect(await auditEvents(ws.tenant.id, "mfa.phone.removed")).toHaveLength(1);
    expect(await removePhone(ctx, TEST_META)).toEqual({ ok: false, reason: "no-phone" });
  });

  it("is refused when the workspace doesn't allow SMS", async () => {
    await systemDb().mfaPolicy.upsert({ where: { tenantId: ws.tenant.id }, create: { tenantId: ws.tenant.id, allowSms: false }, update: { allowSms: false } });
    expect(await sendPhoneVerificationCode(ctx, { phone, locale: "en" })).toEqual({ ok: false, reason: "not-allowed" });
    expect(await systemDb().smsMessage.count({ where: { tenantId: ws.tenant.id } })).toBe(0);
  });
});
