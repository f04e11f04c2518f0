// Sign-up: a workspace and its Owner appear together or not at all, and an address is never
// handed out twice, even to two sign-ups in the same instant.
import { describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { verifyPassword } from "@/lib/auth/password-hash";
import { slugProblem } from "@/lib/workspace/slug";
import { createWorkspace, type CreateWorkspaceInput } from "./create-workspace";
import { TEST_PASSWORD, cachedPasswordHash, uniqueSuffix } from "@/test/factories";

function input(overrides: Partial<CreateWorkspaceInput> = {}): CreateWorkspaceInput {
  const suffix = uniqueSuffix();
  return {
    companyName: `Acme ${suffix}`,
    slug: `acme-${suffix}`,
    ownerName: "Alice Owner",
    email: `alice-${suffix}@example.test`,
    password: TEST_PASSWORD,
    locale: "zh-CN",
    ...overrides,
  };
}

async function counts() {
  const db = systemDb();
  const [tenants, users, auditEvents] = await Promise.all([db.tenant.count(), db.user.count(), db.auditEvent.count()]);
  return { tenants, users, auditEvents };
}

describe("createWorkspace", () => {
  it("creates the workspace and its Owner, who can then be found by email", async () => {
    const data = input();
    const result = await createWorkspace(data);
    expect(result).toMatchObject({ ok: true, tenant: { slug: data.slug, name: data.companyName } });
    if (!result.ok) return;

    const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { slug: data.slug } });
    expect(tenant.id).toBe(result.tenant.id);
    const members = await systemDb().user.findMany({ where: { tenantId: tenant.id } });
    expect(members).toHaveLength(1);
    expect(members[0]).toMatchObject({
      id: result.owner.id,
      email: data.email,
      name: data.ownerName,
      role: "OWNER",
      status: "ACTIVE",
      locale: "zh-CN",
    });
    expect(members[0]!.passwordHash).not.toContain(TEST_PASSWORD);
    expect(await verifyPassword(members[0]!.passwordHash, TEST_PASSWORD)).toBe(true);

    const events = await systemDb().auditEvent.findMany({ where: { tenantId: tenant.id } });
    expect(events).toEqual([expect.objectContaining({ type: "workspace.created", actorUserId: result.owner.id, targetUserId: result.owner.id })]);
  });

  it("the database refuses an email that is not lowercased (normalizing is the caller's job); employee numbers keep their case and are unique in any case", async () => {
    const tenant = await systemDb().tenant.create({ data: { slug: `case-${uniqueSuffix()}`, name: "Case" } });
    const passwordHash = await cachedPasswordHash(TEST_PASSWORD);
    await expect(
      systemDb().user.create({ data: { tenantId: tenant.id, email: "Bob@Example.test", name: "Bob", passwordHash, role: "OWNER" } }),
    ).rejects.toThrow(/User_email_lowercase|check constraint/i);
    expect(await systemDb().user.count({ where: { tenantId: tenant.id } })).toBe(0);
    const bob = await systemDb().user.create({
      data: { tenantId: tenant.id, email: "bob@example.test", employeeNumber: "E-1", name: "Bob", passwordHash, role: "OWNER" },
    });
    expect(bob).toMatchObject({ employeeNumber: "E-1", employeeNumberKey: "e-1" });
    await expect(
      systemDb().user.create({
        data: { tenantId: tenant.id, email: "ann@example.test", employeeNumber: "e-1", name: "Ann", passwordHash, role: "ADMIN" },
      }),
    ).rejects.toThrow(/unique|employeeNumberKey/i);
    expect(await systemDb().user.count({ where: { tenantId: tenant.id } })).toBe(1);
  });

  it("a sign-up with an uppercase email fails whole: no workspace is left without an Owner", async () => {
    const before = await counts();
    const data = input({ email: "Mixed.Case@Example.test" });
    await expect(createWorkspace(data)).rejects.toThrow();
    expect(await systemDb().tenant.findUnique({ where: { slug: data.slug } })).toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("a taken address is `slugTaken`, with a suggestion that is valid and free", async () => {
    const taken = await createWorkspace(input());
    if (!taken.ok) throw new Error("setup");
    // The obvious first alternative is taken too, so the suggestion has to look further.
    const next = await createWorkspace(input({ slug: `${taken.tenant.slug}-2` }));
    expect(next.ok).toBe(true);

    const result = await createWorkspace(input({ slug: taken.tenant.slug }));
    expect(result).toMatchObject({ ok: false, reason: "slugTaken" });
    if (result.ok) return;
    expect(slugProblem(result.suggestion)).toBeNull();
    expect(result.suggestion).not.toBe(taken.tenant.slug);
    expect(await systemDb().tenant.findUnique({ where: { slug: result.suggestion } })).toBeNull();
    // And taking the suggestion works.
    expect(await createWorkspace(input({ slug: result.suggestion }))).toMatchObject({ ok: true });
  });

  it("a taken address writes nothing: no tenant, user or audit event", async () => {
    const taken = await createWorkspace(input());
    if (!taken.ok) throw new Error("setup");
    const before = await counts();
    const data = input({ slug: taken.tenant.slug });
    expect(await createWorkspace(data)).toMatchObject({ ok: false, reason: "slugTaken" });
    expect(await counts()).toEqual(before);
    expect(await systemDb().user.count({ where: { email: data.email } })).toBe(0);
    // The original owner is untouched.
    expect(await systemDb().user.count({ where: { tenantId: taken.tenant.id } })).toBe(1);
  });

  it("suggests a valid address even for a maximal-length slug", async () => {
    const slug = `${"a".repeat(30)}${uniqueSuffix()}`; // 40 characters
    expect(slugProblem(slug)).toBeNull();
    expect((await createWorkspace(input({ slug }))).ok).toBe(true);
    const result = await createWorkspace(input({ slug }));
    expect(result).toMatchObject({ ok: false, reason: "slugTaken" });
    if (!result.ok) expect(slugProblem(result.suggestion)).toBeNull();
  });

  it("two simultaneous sign-ups for one address: exactly one gets it, the other `slugTaken`", async () => {
    const slug = `race-${uniqueSuffix()}`;
    const before = await counts();
    const results = await Promise.all([createWorkspace(input({ slug })), createWorkspace(input({ slug }))]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([expect.objectContaining({ ok: false, reason: "slugTaken" })]);
    const after = await counts();
    expect(after.tenants - before.tenants).toBe(1);
    expect(after.users - before.users).toBe(1);
    const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { slug } });
    expect(await systemDb().user.count({ where: { tenantId: tenant.id, role: "OWNER" } })).toBe(1);
  });
});
