// Cross-tenant walk cases for the mfa models (see test/cross-tenant/support.ts).
import { hashToken } from "@/lib/auth/tokens";
import { systemDb } from "@/lib/db/prisma";
import { idKey, inAnHour, rand, type ModelCase, type Row, type Side } from "./support";
import { addMember } from "@/test/factories";

// Authenticator apps and phones are one per member (primary key tenantId + userId), so their cases
// seed a fresh member each time and keep spare members for the creates the walk attempts.
const spareMembers = new Map<string, string[]>();
async function freshMemberWithSpares(ws: Side): Promise<string> {
  const [member, ...spares] = await Promise.all([1, 2, 3, 4, 5].map(() => addMember(ws.tenant.id, "SALES_REP")));
  spareMembers.set(ws.tenant.id, [...(spareMembers.get(ws.tenant.id) ?? []), ...spares.map((user) => user.id)]);
  return member!.id;
}
function spareMember(ws: Side): string {
  return spareMembers.get(ws.tenant.id)?.shift() ?? ws.member.id;
}
const memberKey = (row: Row) => ({ tenantId_userId: { tenantId: row.tenantId, userId: row.userId } });
const farFuture = () => new Date(Date.now() + 365 * 86_400_000);

export const MFA_CASES: Record<string, ModelCase> = {
  // Passkeys, WebAuthn challenges and emailed sign-in links (lib/auth/passkeys, lib/auth/email-sign-in-link.ts).
  Passkey: {
    seed: (ws) =>
      systemDb().passkey.create({
        data: { tenantId: ws.tenant.id, userId: ws.member.id, credentialId: rand(), publicKey: Buffer.from(rand()), name: "Laptop" },
      }),
    match: (row) => ({ credentialId: row.credentialId }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, credentialId: rand(), publicKey: Buffer.from(rand()), name: "Planted" }),
    // An attacker's own key planted on the victim's credential would sign them in as the victim.
    change: { publicKey: Buffer.from("attacker-key"), counter: BigInt(0), name: "Mine now" },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, credentialId: rand(), publicKey: Buffer.from(rand()), name: "Foreign" }),
    },
  },
  WebAuthnChallenge: {
    seed: (ws) =>
      systemDb().webAuthnChallenge.create({
        data: { tenantId: ws.tenant.id, userId: ws.member.id, purpose: "registration", challenge: rand(), expiresAt: inAnHour() },
      }),
    match: (row) => ({ challenge: row.challenge }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, purpose: "authentication", challenge: rand(), expiresAt: inAnHour() }),
    // Reopening a used challenge would let a captured response be replayed.
    change: { usedAt: null, expiresAt: new Date(Date.now() + 365 * 86_400_000) },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, purpose: "second-factor", challenge: rand(), expiresAt: inAnHour() }),
    },
  },
  EmailSignInToken: {
    seed: (ws) =>
      systemDb().emailSignInToken.create({
        data: { tenantId: ws.tenant.id, userId: ws.member.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() },
      }),
    match: (row) => ({ tokenHash: row.tokenHash }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() }),
    // A token the attacker knows, made usable again, would sign them in as the member.
    change: { tokenHash: hashToken("attacker-known"), usedAt: null, expiresAt: new Date(Date.now() + 365 * 86_400_000) },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() }),
    },
  },
  // Authenticator app, recovery codes, phone and SMS codes (lib/auth/totp-factor.ts, recovery-codes.ts, sms-codes.ts).
  TotpFactor: {
    seed: async (ws) =>
      systemDb().totpFactor.create({ data: { tenantId: ws.tenant.id, userId: await freshMemberWithSpares(ws), secretSealed: `sealed-${rand()}`, confirmedAt: new Date() } }),
    match: (row) => ({ userId: row.userId }),
    unique: memberKey,
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: spareMember(inWs), secretSealed: `planted-${rand()}` }),
    // An attacker's own secret on the victim's factor, or an old step made usable again.
    change: { secretSealed: "attacker-known-secret", confirmedAt: new Date(), lastUsedStep: null },
    referencing: { userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, secretSealed: `foreign-${rand()}` }) },
  },
  RecoveryCode: {
    seed: (ws) => systemDb().recoveryCode.create({ data: { tenantId: ws.tenant.id, userId: ws.member.id, codeHash: hashToken(rand()) } }),
    match: (row) => ({ codeHash: row.codeHash }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, codeHash: hashToken(rand()) }),
    // A recovery code the attacker knows, or a used one made usable again.
    change: { codeHash: hashToken("attacker-known-code"), usedAt: null },
    referencing: { userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, codeHash: hashToken(rand()) }) },
  },
  PhoneFactor: {
    seed: async (ws) =>
      systemDb().phoneFactor.create({ data: { tenantId: ws.tenant.id, userId: await freshMemberWithSpares(ws), phone: "+8613800138000", verifiedAt: new Date() } }),
    match: (row) => ({ userId: row.userId }),
    unique: memberKey,
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: spareMember(inWs), phone: "+14155552671" }),
    // The attacker's phone as the victim's verified second factor.
    change: { phone: "+15005550006", verifiedAt: new Date() },
    referencing: { userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, phone: "+14155552671" }) },
  },
  SmsCode: {
    seed: (ws) =>
      systemDb().smsCode.create({
        data: { tenantId: ws.tenant.id, userId: ws.member.id, phone: "+8613800138000", purpose: "sign-in", codeHash: hashToken(rand()), expiresAt: inAnHour() },
      }),
    match: (row) => ({ codeHash: row.codeHash }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, phone: "+14155552671", purpose: "sign-in", codeHash: hashToken(rand()), expiresAt: inAnHour() }),
    // A code the attacker knows, with its tries and expiry reset.
    change: { codeHash: hashToken("000000"), attempts: 0, usedAt: null, expiresAt: farFuture() },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, phone: "+14155552671", purpose: "sign-in", codeHash: hashToken(rand()), expiresAt: inAnHour() }),
    },
  },
  // Password resets by SMS (lib/auth/sms-password-reset.ts): a request, its code and its ticket.
  SmsPasswordReset: {
    seed: (ws) =>
      systemDb().smsPasswordReset.create({
        data: { tenantId: ws.tenant.id, usernameKey: rand(), userId: ws.member.id, phone: "+8613800138000", codeHash: hashToken(rand()), expiresAt: inAnHour() },
      }),
    match: (row) => ({ codeHash: row.codeHash }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, usernameKey: rand(), userId: inWs.member.id, codeHash: hashToken(rand()), expiresAt: inAnHour() }),
    // A code the attacker knows, with its tries, expiry and extra proof reset.
    change: { codeHash: hashToken("000000"), attempts: 0, usedAt: null, expiresAt: farFuture(), ticketExpiresAt: farFuture(), proofAt: new Date() },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, usernameKey: rand(), userId: user.id, codeHash: hashToken(rand()), expiresAt: inAnHour() }),
    },
  },
  // Codes by email as a second factor (lib/auth/email-codes.ts): who has them on, and codes in flight.
  EmailCodeFactor: {
    seed: async (ws) => systemDb().emailCodeFactor.create({ data: { tenantId: ws.tenant.id, userId: await freshMemberWithSpares(ws) } }),
    match: (row) => ({ userId: row.userId }),
    unique: memberKey,
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: spareMember(inWs) }),
    // Switching codes by email on for another workspace's member would make their mailbox a second factor.
    change: { enabledAt: new Date(0) },
    referencing: { userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id }) },
  },
  EmailCode: {
    seed: (ws) =>
      systemDb().emailCode.create({
        data: { tenantId: ws.tenant.id, userId: ws.member.id, purpose: "sign-in", codeHash: hashToken(rand()), expiresAt: inAnHour() },
      }),
    match: (row) => ({ codeHash: row.codeHash }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, purpose: "sign-in", codeHash: hashToken(rand()), expiresAt: inAnHour() }),
    // A code the attacker knows, with its tries and expiry reset.
    change: { codeHash: hashToken("000000"), attempts: 0, usedAt: null, expiresAt: farFuture() },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, purpose: "sign-in", codeHash: hashToken(rand()), expiresAt: inAnHour() }),
    },
  },
  // The MFA policy (singleton per workspace, like SecurityPolicy) and remembered devices (lib/auth/mfa-policy.ts, remembered-devices.ts).
  MfaPolicy: {
    singleton: true,
    seed: (ws) => systemDb().mfaPolicy.upsert({ where: { tenantId: ws.tenant.id }, create: { tenantId: ws.tenant.id }, update: {} }),
    match: (row) => ({ tenantId: row.tenantId }),
    unique: (row) => ({ tenantId: row.tenantId }),
    createData: (_inWs, claimed) => ({ tenantId: claimed.tenant.id }),
    // Loosening another workspace's policy would let its members in without their second factor.
    change: { requirement: "OPTIONAL", allowPassword: true, allowRememberDevice: true, graceDays: 90 },
    referencing: {},
  },
  RememberedDevice: {
    seed: (ws) =>
      systemDb().rememberedDevice.create({
        data: { tenantId: ws.tenant.id, userId: ws.member.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() },
      }),
    match: (row) => ({ tokenHash: row.tokenHash }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.member.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() }),
    // A device token the attacker holds, made valid for the victim, would skip their second factor.
    change: { tokenHash: hashToken("attacker-known"), revokedAt: null, expiresAt: new Date(Date.now() + 365 * 86_400_000) },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, tokenHash: hashToken(rand()), expiresAt: inAnHour() }),
    },
  },
};
