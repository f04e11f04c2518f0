import { describe, expect, it } from "vitest";
import { createWorkspace } from "@/test/factories";
import { readThrottle, throttleKey } from "./sign-in-throttle";
import { getSecurityPolicy } from "./security-policy";
import { signInCaptchaRequired, signInWithPassword } from "./sign-in-with-password";

// The sign-in form asks, before the submit, whether a captcha will be needed (issue 11, item 13).
// Whatever answers must not tell real usernames from unknown ones, must count the address's
// failures as the sign-in does, and must itself count no failure.

let nextIp = 10;
const freshIp = () => `203.0.113.${(nextIp += 1) % 250}`;

function fail(tenantId: string, username: string, ip: string, now: Date) {
  return signInWithPassword({ tenantId, username, password: "not the password at all", ip, userAgent: "vitest", now, defer: () => {} });
}

describe("signInCaptchaRequired", () => {
  it("answers the same for a real and an unknown username with the same failures, and turns on at the third", async () => {
    const { tenant, owner } = await createWorkspace();
    const now = new Date();
    const answers: { real: boolean; unknown: boolean }[] = [];
    for (let failures = 0; failures <= 3; failures += 1) {
      answers.push({
        real: await signInCaptchaRequired({ tenantId: tenant.id, username: owner.email, ip: freshIp(), now }),
        unknown: await signInCaptchaRequired({ tenantId: tenant.id, username: "nobody@example.test", ip: freshIp(), now }),
      });
      if (failures < 3) {
        // Each failure from its own address, so only the username's count is at work here.
        await fail(tenant.id, owner.email, freshIp(), now);
        await fail(tenant.id, "nobody@example.test", freshIp(), now);
      }
    }
    expect(answers).toEqual([
      { real: false, unknown: false },
      { real: false, unknown: false },
      { real: false, unknown: false },
      { real: true, unknown: true },
    ]);
    // The username is compared as the sign-in compares it.
    expect(await signInCaptchaRequired({ tenantId: tenant.id, username: `  ${owner.email.toUpperCase()} `, ip: freshIp(), now })).toBe(true);
    expect(await signInCaptchaRequired({ tenantId: tenant.id, username: "someone-else@example.test", ip: freshIp(), now })).toBe(false);
  });

  it("says yes for every username from an address with 5 recent failures, and only from that address", async () => {
    const { tenant, owner } = await createWorkspace();
    const now = new Date();
    const busy = freshIp();
    for (let i = 0; i < 5; i += 1) await fail(tenant.id, `guess${i}@example.test`, busy, now);
    expect(await signInCaptchaRequired({ tenantId: tenant.id, username: owner.email, ip: busy, now })).toBe(true);
    expect(await signInCaptchaRequired({ tenantId: tenant.id, username: "nobody@example.test", ip: busy, now })).toBe(true);
    expect(await signInCaptchaRequired({ tenantId: tenant.id, username: owner.email, ip: freshIp(), now })).toBe(false);
  });

  it("agrees with the sign-in, and asking counts no failure", async () => {
    const { tenant, owner, password } = await createWorkspace();
    const now = new Date();
    for (let i = 0; i < 3; i += 1) await fail(tenant.id, owner.email, freshIp(), now);
    const policy = await getSecurityPolicy(tenant.id);
    const key = throttleKey(owner.id, owner.email);
    const before = await readThrottle(tenant.id, key, policy, now);
    for (let i = 0; i < 20; i += 1) expect(await signInCaptchaRequired({ tenantId: tenant.id, username: owner.email, ip: freshIp(), now })).toBe(true);
    expect(await readThrottle(tenant.id, key, policy, now)).toEqual(before);
    // The sign-in asks for the captcha it was told about...
    const withoutCaptcha = await signInWithPassword({ tenantId: tenant.id, username: owner.email, password, ip: freshIp(), userAgent: "vitest", now, defer: () => {} });
    expect(withoutCaptcha).toMatchObject({ ok: false, reason: "captcha", captchaRequired: true });
    // ...and for a username the answer was "no" for, it asks for none.
    const other = await createWorkspace();
    expect(await signInCaptchaRequired({ tenantId: other.tenant.id, username: other.owner.email, ip: freshIp(), now })).toBe(false);
    const signedIn = await signInWithPassword({ tenantId: other.tenant.id, username: other.owner.email, password: other.password, ip: freshIp(), userAgent: "vitest", now, defer: () => {} });
    expect(signedIn.ok).toBe(true);
  });
});
