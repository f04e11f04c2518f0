import { describe, expect, it } from "vitest";
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { systemDb } from "@/lib/db/prisma";
import { createWorkspace, TEST_META } from "@/test/factories";
import { createCaptchaChallenge } from "./captcha";
import { signInWithPassword, type SignInResult } from "./sign-in-with-password";
import { lockoutMinutes, UNTIL_ADMIN_UNLOCKS } from "./sign-in-throttle";
import { unlockMember } from "@/lib/dal/members/member-security";

const MINUTE = 60_000;

async function solvedCaptcha(): Promise<string> {
  const challenge = await createCaptchaChallenge({ maxCounter: 8 });
  const solution = await solveChallenge({ challenge, deriveKey, timeout: 10_000 });
  if (!solution) throw new Error("captcha not solved");
  return btoa(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }));
}

/** Attempts from distinct addresses, so the per-IP captcha rule stays out of per-username tests. */
let nextIp = 1;
/** The work deferred past the answer (the lock's audit entry and email) is done before returning. */
async function attempt(tenantId: string, username: string, password: string, now: Date, captcha?: string | null): Promise<SignInResult> {
  nextIp += 1;
  const deferred: Promise<void>[] = [];
  const result = await signInWithPassword({ tenantId, username, password, captcha, ip: `198.51.100.${nextIp % 250}`, userAgent: "vitest", now, defer: (task) => void deferred.push(task()) });
  await Promise.all(deferred);
  return result;
}

/** What an attacker sees, without the parts that are random per success. */
function visible(result: SignInResult) {
  return result.ok ? { ok: true } : { ...result, lockedUntil: result.lockedUntil ? "set" : null };
}

describe("lockout and captcha", () => {
  it("treats a real username with a wrong password exactly like an unknown username, all the way to the lock", async () => {
    const { tenant, owner } = await createWorkspace();
    const start = new Date();
    const real: SignInResult[] = [];
    const unknown: SignInResult[] = [];
    for (let i = 0; i < 10; i += 1) {
      const now = new Date(start.getTime() + i * 1000);
      // From the 4th attempt on a captcha is required: supply a fresh one to both, as a bot solving them would.
      const needsCaptcha = i >= 3;
      real.push(await attempt(tenant.id, owner.email, "wrong password here", now, needsCaptcha ? await solvedCaptcha() : null));
      unknown.push(await attempt(tenant.id, "nobody@example.test", "wrong password here", now, needsCaptcha ? await solvedCaptcha() : null));
    }
    expect(real.map(visible)).toEqual(unknown.map(visible));
    expect(visible(real[0])).toEqual({ ok: false, reason: "invalidCredentials", captchaRequired: false, lockedUntil: null });
    expect(visible(real[2])).toMatchObject({ reason: "invalidCredentials", captchaRequired: true });
    expect(visible(real[9])).toMatchObject({ reason: "locked", lockedUntil: "set" });
    // Locked: even the right password is refused, with the same answer as for an unknown name.
    const later = new Date(start.getTime() + 20_000);
    const right = await attempt(tenant.id, owner.email, "Correct Horse Battery 42", later);
    const none = await attempt(tenant.id, "nobody@example.test", "Correct Horse Battery 42", later);
    expect(visible(right)).toEqual(visible(none));
    expect(right).toMatchObject({ ok: false, reason: "locked" });
  });

  it("requires a captcha after 3 failures and accepts each solution once", async () => {
    const { tenant, owner, password } = await createWorkspace();
    const now = new Date();
    for (let i = 0; i < 3; i += 1) await attempt(tenant.id, owner.email, "wrong password here", now);
    const missing = await attempt(tenant.id, owner.email, password, now);
    expect(missing).toMatchObject({ ok: false, reason: "captcha", captchaError: "captchaRequired", captchaRequired: true });
    const captcha = await solvedCaptcha();
    const wrongWithCaptcha = await attempt(tenant.id, owner.email, "still wrong password", now, captcha);
    expect(wrongWithCaptcha).toMatchObject({ ok: false, reason: "invalidCredentials" });
    const replayed = await attempt(tenant.id, owner.email, password, now, captcha);
    expect(replayed).toMatchObject({ ok: false, reason: "captcha", captchaError: "captchaReplayed" });
    const ok = await attempt(tenant.id, owner.email, password, now, await solvedCaptcha());
    expect(ok.ok).toBe(true);
    // A success resets the count: no captcha next time.
    expect((await attempt(tenant.id, owner.email, password, now)).ok).toBe(true);
  });

  it("locks for 15 minutes, then doubles on the next lockout, and lets the right password in after expiry", async () => {
    const { tenant, owner, password } = await createWorkspace();
    const t0 = new Date();
    const lockOnce = async (from: Date) => {
      let last: SignInResult | undefined;
      for (let i = 0; i < 10; i += 1) last = await attempt(tenant.id, owner.email, "wrong password here", from, i >= 3 ? await solvedCaptcha() : null);
      return last!;
    };
    const first = await lockOnce(t0);
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.lockedUntil!.getTime() - t0.getTime()).toBe(15 * MINUTE);
    const afterFirst = new Date(t0.getTime() + 16 * MINUTE);
    const second = await lockOnce(afterFirst);
    if (second.ok) throw new Error("expected a lock");
    expect(second.lockedUntil!.getTime() - afterFirst.getTime()).toBe(30 * MINUTE);
    const afterSecond = new Date(afterFirst.getTime() + 31 * MINUTE);
    expect((await attempt(tenant.id, owner.email, password, afterSecond)).ok).toBe(true);
  });

  it("caps the doubling at the policy's maximum", () => {
    const policy = { captchaAfterFailures: 3, lockoutThreshold: 10, lockoutWindowMinutes: 15, lockoutDurationMinutes: 15, lockoutMaxMinutes: 1440, lockoutMode: "TIMED" as const };
    expect([1, 2, 3, 4, 5, 6, 7, 30].map((n) => lockoutMinutes(policy, n))).toEqual([15, 30, 60, 120, 240, 480, 960, 1440]);
  });

  it("keeps an admin-unlock lock until an admin lifts it, then audits the unlock", async () => {
    const { tenant, owner, password } = await createWorkspace();
    const admin = await systemDb().user.create({
      data: { tenantId: tenant.id, email: `admin-${tenant.slug}@example.test`, name: "Admin", passwordHash: owner.passwordHash, role: "ADMIN" },
    });
    await systemDb().securityPolicy.update({ where: { tenantId: tenant.id }, data: { lockoutMode: "ADMIN_UNLOCK" } });
    const t0 = new Date();
    for (let i = 0; i < 10; i += 1) await attempt(tenant.id, owner.email, "wrong password here", t0, i >= 3 ? await solvedCaptcha() : null);
    const row = await systemDb().signInThrottle.findFirstOrThrow({ where: { tenantId: tenant.id, usernameKey: `user:${owner.id}` } });
    expect(row.lockedUntil).toEqual(UNTIL_ADMIN_UNLOCKS);
    const dayLater = new Date(t0.getTime() + 48 * 60 * MINUTE);
    expect(await attempt(tenant.id, owner.email, password, dayLater)).toMatchObject({ ok: false, reason: "locked", lockedUntil: null });

    const ctx = {
      tenant: { ...tenant, ipAllowlist: [] },
      user: { id: admin.id, name: admin.name, email: admin.email, role: admin.role, status: admin.status, locale: null, employeeNumber: null },
      role: admin.role,
      sessionId: "test",
      restriction: null,
      pendingSteps: [],
      amr: ["pwd"],
      verifiedAt: new Date(),
      networkAllowed: true,
    };
    // An Admin can't unlock an Owner; the Owner's lock stays.
    expect(await unlockMember(ctx, owner.id, TEST_META)).toEqual({ ok: false, reason: "notAllowed" });
    const ownerCtx = { ...ctx, user: { ...ctx.user, id: owner.id, role: owner.role }, role: owner.role };
    await systemDb().user.update({ where: { tenantId_id: { tenantId: tenant.id, id: admin.id } }, data: { role: "OWNER" } });
    expect(await unlockMember({ ...ownerCtx, user: { ...ownerCtx.user, id: admin.id }, role: "OWNER" }, owner.id, TEST_META)).toEqual({ ok: true });
    expect((await attempt(tenant.id, owner.email, password, dayLater)).ok).toBe(true);
    const audit = await systemDb().auditEvent.findMany({ where: { tenantId: tenant.id, type: { in: ["account.locked", "account.unlocked"] } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((event) => event.type)).toEqual(["account.locked", "account.unlocked"]);
  });

  it("emails the real owner of a locked account, and nobody for an unknown username", async () => {
    const { tenant, owner } = await createWorkspace();
    const now = new Date();
    const deferred: Promise<void>[] = [];
    const run = async (username: string) => {
      for (let i = 0; i < 10; i += 1) {
        nextIp += 1;
        await signInWithPassword({
          tenantId: tenant.id,
          username,
          password: "wrong password here",
          captcha: i >= 3 ? await solvedCaptcha() : null,
          ip: `192.0.2.${nextIp % 250}`,
          userAgent: "Mozilla/5.0 (Windows NT 10.0) Chrome/124.0",
          now,
          defer: (task) => void deferred.push(task()),
        });
      }
    };
    await run(owner.email);
    await run("ghost@example.test");
    await Promise.all(deferred);
    const mails = await systemDb().emailMessage.findMany({ where: { tenantId: tenant.id, template: "account-locked" } });
    expect(mails.map((mail) => mail.to)).toEqual([owner.email]);
    expect(mails[0].text).toContain(`/${tenant.slug}/forgot-password`);
    expect(mails[0].text).toMatch(/192\.0\.2\./);
  });

  it("asks everyone signing in from an address with many recent failures for a captcha", async () => {
    const { tenant, owner, password } = await createWorkspace();
    const now = new Date();
    const ip = "203.0.113.99";
    for (let i = 0; i < 5; i += 1) {
      await signInWithPassword({ tenantId: tenant.id, username: `user${i}@example.test`, password: "wrong password here", ip, userAgent: "bot", now, defer: () => {} });
    }
    const result = await signInWithPassword({ tenantId: tenant.id, username: owner.email, password, ip, userAgent: "bot", now, defer: () => {} });
    expect(result).toMatchObject({ ok: false, reason: "captcha", captchaError: "captchaRequired" });
  });
});
