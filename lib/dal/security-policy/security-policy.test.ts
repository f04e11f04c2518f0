// The workspace security settings DAL: who may change them, what gets written (all of a section
// or nothing), what the audit log records, and that one workspace's save never touches another's.
import { beforeEach, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { CLASSIC_POLICY, RECOMMENDED_POLICY, type PasswordPolicy } from "@/lib/auth/password-policy/policy";
import { readIssue, type SessionPolicy, type SignInProtection } from "@/lib/validation/security-policy";
import { TEST_META, addMember, auditEvents, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import { getSecuritySettings } from "./get-security-settings";
import { updatePasswordPolicy } from "./update-password-policy";
import { updateSignInProtection } from "./update-sign-in-protection";
import { updateSessionPolicy } from "./update-session-policy";
import { updateIpAllowlist } from "./update-ip-allowlist";

const SIGN_IN_DEFAULTS: SignInProtection = {
  captchaAfterFailures: 3,
  lockoutThreshold: 10,
  lockoutWindowMinutes: 15,
  lockoutDurationMinutes: 15,
  lockoutMaxMinutes: 1440,
  lockoutMode: "TIMED",
};
const SESSION_DEFAULTS: SessionPolicy = { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 720 };

let ws: TestWorkspace;
let owner: MemberContext;

beforeEach(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
});

async function storedPolicy(tenantId = ws.tenant.id) {
  return systemDb().securityPolicy.findUniqueOrThrow({ where: { tenantId } });
}
async function storedTenant(tenantId = ws.tenant.id) {
  return systemDb().tenant.findUniqueOrThrow({ where: { id: tenantId } });
}
async function policyChanges(tenantId = ws.tenant.id) {
  return auditEvents(tenantId, "policy.changed");
}

describe("getSecuritySettings", () => {
  it("shows a new workspace's NIST defaults", async () => {
    const settings = await getSecuritySettings(owner);
    expect(settings).toEqual({
      password: RECOMMENDED_POLICY,
      passwordPreset: "recommended",
      signIn: SIGN_IN_DEFAULTS,
      sessions: SESSION_DEFAULTS,
      ipAllowlist: [],
    });
  });

  it("gives defaults (and creates the row) for a workspace that has no policy row yet", async () => {
    await systemDb().securityPolicy.delete({ where: { tenantId: ws.tenant.id } });
    expect((await getSecuritySettings(owner)).passwordPreset).toBe("recommended");
    expect(await storedPolicy()).toMatchObject({ passwordMinLength: 15, lockoutMode: "TIMED" });
  });
});

describe("who may change the settings", () => {
  const calls: [string, (ctx: MemberContext) => Promise<unknown>][] = [
    ["getSecuritySettings", (ctx) => getSecuritySettings(ctx)],
    ["updatePasswordPolicy", (ctx) => updatePasswordPolicy(ctx, { ...CLASSIC_POLICY }, TEST_META)],
    ["updateSignInProtection", (ctx) => updateSignInProtection(ctx, { ...SIGN_IN_DEFAULTS, lockoutThreshold: 5 }, TEST_META)],
    ["updateSessionPolicy", (ctx) => updateSessionPolicy(ctx, { sessionIdleMinutes: 30, sessionAbsoluteMinutes: 60 }, TEST_META)],
    ["updateIpAllowlist", (ctx) => updateIpAllowlist(ctx, { ipAllowlist: "203.0.113.0/24" }, TEST_META)],
  ];

  for (const role of ["MANAGER", "SALES_REP", "READ_ONLY"] as const) {
    it(`a ${role} gets PermissionDeniedError from every function, and nothing changes`, async () => {
      const member = memberContext(await addMember(ws.tenant.id, role), ws.tenant);
      const before = { policy: await storedPolicy(), tenant: await storedTenant() };
      for (const [name, call] of calls) {
        await expect(call(member), name).rejects.toBeInstanceOf(PermissionDeniedError);
      }
      expect(await storedPolicy()).toEqual(before.policy);
      expect(await storedTenant()).toEqual(before.tenant);
      expect(await policyChanges()).toEqual([]);
    });
  }

  it("an Admin may, like the Owner", async () => {
    const admin = memberContext(await addMember(ws.tenant.id, "ADMIN"), ws.tenant);
    expect(await updatePasswordPolicy(admin, { ...CLASSIC_POLICY }, TEST_META)).toMatchObject({ ok: true });
    expect((await getSecuritySettings(admin)).passwordPreset).toBe("classic");
  });
});

describe("password policy", () => {
  it("round-trips each preset: the saved policy matches it again", async () => {
    const custom: PasswordPolicy = { ...RECOMMENDED_POLICY, minLength: 12, historyCount: 3 };
    for (const [policy, preset] of [
      [CLASSIC_POLICY, "classic"],
      [custom, "custom"],
      [RECOMMENDED_POLICY, "recommended"],
    ] as const) {
      expect(await updatePasswordPolicy(owner, { ...policy }, TEST_META)).toMatchObject({ ok: true });
      const settings = await getSecuritySettings(owner);
      expect(settings.password).toEqual(policy);
      expect(settings.passwordPreset).toBe(preset);
    }
  });

  it("audits only the changed fields, with who, from where, and the section", async () => {
    const result = await updatePasswordPolicy(owner, { ...RECOMMENDED_POLICY, minLength: 16, requireSymbol: true }, TEST_META);
    const changes = { minLength: { from: 15, to: 16 }, requireSymbol: { from: false, to: true } };
    expect(result).toEqual({ ok: true, changes });
    const events = await policyChanges();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: ws.owner.id,
      targetUserId: null,
      ip: TEST_META.ip,
      userAgent: TEST_META.userAgent,
      data: { section: "password", changes },
    });
  });

  it("records nothing when nothing changed", async () => {
    expect(await updatePasswordPolicy(owner, { ...RECOMMENDED_POLICY }, TEST_META)).toEqual({ ok: true, changes: {} });
    expect(await policyChanges()).toEqual([]);
  });

  it("a failed validation writes nothing: every bad field is reported, no field is saved", async () => {
    const before = await storedPolicy();
    const result = await updatePasswordPolicy(owner, { ...CLASSIC_POLICY, minLength: 7, historyCount: 25 }, TEST_META);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["historyCount", "minLength"]);
    expect(result.fieldErrors.minLength).toEqual(["policyMinLengthFloor"]);
    expect(await storedPolicy()).toEqual(before);
    expect(await policyChanges()).toEqual([]);
  });

  it("accepts the floor of 8", async () => {
    expect(await updatePasswordPolicy(owner, { ...RECOMMENDED_POLICY, minLength: 8 }, TEST_META)).toMatchObject({ ok: true });
    expect((await storedPolicy()).passwordMinLength).toBe(8);
  });
});

describe("sign-in protection", () => {
  it("saves every field and audits the diff", async () => {
    const next: SignInProtection = {
      captchaAfterFailures: 0,
      lockoutThreshold: 5,
      lockoutWindowMinutes: 30,
      lockoutDurationMinutes: 10,
      lockoutMaxMinutes: 10080,
      lockoutMode: "ADMIN_UNLOCK",
    };
    const result = await updateSignInProtection(owner, next, TEST_META);
    expect(result).toMatchObject({ ok: true });
    expect(await storedPolicy()).toMatchObject(next);
    expect((await getSecuritySettings(owner)).signIn).toEqual(next);
    const [event] = await policyChanges();
    expect(event?.data).toEqual({
      section: "signIn",
      changes: {
        captchaAfterFailures: { from: 3, to: 0 },
        lockoutThreshold: { from: 10, to: 5 },
        lockoutWindowMinutes: { from: 15, to: 30 },
        lockoutDurationMinutes: { from: 15, to: 10 },
        lockoutMaxMinutes: { from: 1440, to: 10080 },
        lockoutMode: { from: "TIMED", to: "ADMIN_UNLOCK" },
      },
    });
  });

  it("refuses a longest lockout shorter than the first, on that field, and writes nothing", async () => {
    const before = await storedPolicy();
    const result = await updateSignInProtection(
      owner,
      { ...SIGN_IN_DEFAULTS, lockoutThreshold: 4, lockoutDurationMinutes: 120, lockoutMaxMinutes: 60 },
      TEST_META,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors)).toEqual(["lockoutMaxMinutes"]);
    expect(readIssue(result.fieldErrors.lockoutMaxMinutes![0]!)).toEqual({ key: "settingsLockoutMaxBelowDuration", values: { duration: "120" } });
    // The valid lockoutThreshold of the same submission was not saved either.
    expect(await storedPolicy()).toEqual(before);
    expect(await policyChanges()).toEqual([]);
  });
});

describe("sessions", () => {
  it("saves the workspace's timeouts and audits the diff", async () => {
    const result = await updateSessionPolicy(owner, { sessionIdleMinutes: 30, sessionAbsoluteMinutes: 480 }, TEST_META);
    expect(result).toEqual({
      ok: true,
      changes: { sessionIdleMinutes: { from: 60, to: 30 }, sessionAbsoluteMinutes: { from: 720, to: 480 } },
    });
    expect(await storedTenant()).toMatchObject({ sessionIdleMinutes: 30, sessionAbsoluteMinutes: 480 });
    expect((await policyChanges())[0]?.data).toMatchObject({ section: "sessions" });
  });

  it("refuses idle longer than the lifetime, on the idle field, and writes nothing", async () => {
    const before = await storedTenant();
    const result = await updateSessionPolicy(owner, { sessionIdleMinutes: 120, sessionAbsoluteMinutes: 60 }, TEST_META);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors)).toEqual(["sessionIdleMinutes"]);
    expect(readIssue(result.fieldErrors.sessionIdleMinutes![0]!).key).toBe("settingsIdleAboveAbsolute");
    expect(await storedTenant()).toEqual(before);
    expect(await policyChanges()).toEqual([]);
  });
});

describe("IP allowlist", () => {
  it("saves a normalised list (trimmed, no blank lines, no duplicates) that includes the admin's address", async () => {
    const result = await updateIpAllowlist(owner, { ipAllowlist: " 10.0.0.0/8 \n\n203.0.113.0/24\n10.0.0.0/8\n2001:DB8::/32\n" }, TEST_META);
    expect(result).toEqual({
      ok: true,
      changes: { ipAllowlist: { from: [], to: ["10.0.0.0/8", "203.0.113.0/24", "2001:db8::/32"] } },
    });
    expect((await storedPolicy()).ipAllowlist).toEqual(["10.0.0.0/8", "203.0.113.0/24", "2001:db8::/32"]);
    expect((await policyChanges())[0]?.data).toMatchObject({ section: "network" });
  });

  it("refuses a list that would shut out the admin's own current address, and says which address", async () => {
    const result = await updateIpAllowlist(owner, { ipAllowlist: "10.0.0.0/8\n2001:db8::/32" }, TEST_META);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.ipAllowlist!.map(readIssue)).toEqual([
      { key: "settingsIpAllowlistLocksYouOut", values: { ip: TEST_META.ip } },
    ]);
    expect((await storedPolicy()).ipAllowlist).toEqual([]);
    expect(await policyChanges()).toEqual([]);
  });

  it("checks an IPv6 admin against IPv6 ranges", async () => {
    const v6 = { ip: "2001:db8:1::5", userAgent: "vitest" };
    expect((await updateIpAllowlist(owner, { ipAllowlist: "203.0.113.0/24" }, v6)).ok).toBe(false);
    expect(await updateIpAllowlist(owner, { ipAllowlist: "203.0.113.0/24\n2001:db8::/32" }, v6)).toMatchObject({ ok: true });
    expect((await storedPolicy()).ipAllowlist).toEqual(["203.0.113.0/24", "2001:db8::/32"]);
  });

  it("refuses a non-empty list when the admin's address is unknown; an empty list is always fine", async () => {
    const unknown = { ip: null, userAgent: "vitest" };
    const refused = await updateIpAllowlist(owner, { ipAllowlist: "0.0.0.0/0" }, unknown);
    expect(refused).toEqual({ ok: false, fieldErrors: { ipAllowlist: ["settingsIpAllowlistNoAddress"] } });
    await updateIpAllowlist(owner, { ipAllowlist: "203.0.113.7" }, TEST_META);
    expect(await updateIpAllowlist(owner, { ipAllowlist: "\n  \n" }, unknown)).toEqual({
      ok: true,
      changes: { ipAllowlist: { from: ["203.0.113.7"], to: [] } },
    });
  });

  it("reports every malformed line by number and writes nothing, even with the admin's address on the list", async () => {
    const result = await updateIpAllowlist(owner, { ipAllowlist: "203.0.113.7\n10.0.0/8\n\nfe80::/129" }, TEST_META);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors.ipAllowlist!.map(readIssue)).toEqual([
      { key: "settingsIpAllowlistLineInvalid", values: { line: "2", value: "10.0.0/8" } },
      { key: "settingsIpAllowlistLineInvalid", values: { line: "4", value: "fe80::/129" } },
    ]);
    expect((await storedPolicy()).ipAllowlist).toEqual([]);
    expect(await policyChanges()).toEqual([]);
  });

  it("refuses 101 entries", async () => {
    const text = ["203.0.113.7", ...Array.from({ length: 100 }, (_, i) => `10.1.${i}.0/24`)].join("\n");
    const result = await updateIpAllowlist(owner, { ipAllowlist: text }, TEST_META);
    expect(result.ok).toBe(false);
    expect((await storedPolicy()).ipAllowlist).toEqual([]);
  });
});

describe("workspace isolation", () => {
  it("saving every section in workspace A leaves workspace B's policy and timeouts unchanged", async () => {
    const other = await createWorkspace();
    const otherBefore = { policy: await storedPolicy(other.tenant.id), tenant: await storedTenant(other.tenant.id) };

    await updatePasswordPolicy(owner, { ...CLASSIC_POLICY }, TEST_META);
    await updateSignInProtection(owner, { ...SIGN_IN_DEFAULTS, lockoutMode: "ADMIN_UNLOCK" }, TEST_META);
    await updateSessionPolicy(owner, { sessionIdleMinutes: 15, sessionAbsoluteMinutes: 120 }, TEST_META);
    await updateIpAllowlist(owner, { ipAllowlist: "203.0.113.0/24" }, TEST_META);

    expect(await storedPolicy(other.tenant.id)).toEqual(otherBefore.policy);
    expect(await storedTenant(other.tenant.id)).toEqual(otherBefore.tenant);
    expect(await policyChanges(other.tenant.id)).toEqual([]);
    expect(await getSecuritySettings(memberContext(other.owner, other.tenant))).toMatchObject({
      passwordPreset: "recommended",
      signIn: SIGN_IN_DEFAULTS,
      sessions: SESSION_DEFAULTS,
      ipAllowlist: [],
    });
    // ...while A's were all saved.
    expect(await getSecuritySettings(owner)).toMatchObject({
      passwordPreset: "classic",
      signIn: { lockoutMode: "ADMIN_UNLOCK" },
      sessions: { sessionIdleMinutes: 15, sessionAbsoluteMinutes: 120 },
      ipAllowlist: ["203.0.113.0/24"],
    });
    expect(await policyChanges()).toHaveLength(4);
  });
});
