// Shared test data for integration tests. Every helper writes real rows to this test file's own
// database (test/fresh-database.ts); nothing here is mocked.
import { randomBytes } from "node:crypto";
import { systemDb } from "@/lib/db/prisma";
import { hashPassword } from "@/lib/auth/password-hash";
import { createWorkspace as createWorkspaceDal, type CreateWorkspaceInput } from "@/lib/dal/workspaces/create-workspace";
import type { MemberContext } from "@/lib/auth/current-member";
import type { RequestMeta } from "@/lib/dal/context";
import type { MemberStatus, Role } from "@/lib/generated/prisma/enums";
import type { User } from "@/lib/generated/prisma/client";

/** The password every factory-made account has unless a test chooses another. */
export const TEST_PASSWORD = "Correct Horse Battery 42";

/** What the DAL's audit entries record as the request's origin in these tests. */
export const TEST_META: RequestMeta = { ip: "203.0.113.7", userAgent: "vitest" };

/** A short suffix unique within this process, valid inside slugs and email local parts. */
export function uniqueSuffix(): string {
  return randomBytes(5).toString("hex");
}

// argon2id at the production parameters costs ~50 ms; factories reuse one hash per password.
const hashes = new Map<string, Promise<string>>();
export function cachedPasswordHash(password: string): Promise<string> {
  let phc = hashes.get(password);
  if (!phc) {
    phc = hashPassword(password);
    hashes.set(password, phc);
  }
  return phc;
}

export type TestTenant = { id: string; slug: string; name: string };
export type TestWorkspace = { tenant: TestTenant; owner: User; password: string };

/**
 * A new workspace and its Owner, made by the real sign-up code (lib/dal/workspaces/create-workspace).
 * Each call gets its own slug and owner email.
 */
export async function createWorkspace(overrides: Partial<CreateWorkspaceInput> = {}): Promise<TestWorkspace> {
  const suffix = uniqueSuffix();
  const input: CreateWorkspaceInput = {
    companyName: `Company ${suffix}`,
    slug: `ws-${suffix}`,
    ownerName: `Owner ${suffix}`,
    email: `owner-${suffix}@example.test`,
    password: TEST_PASSWORD,
    locale: "en",
    ...overrides,
  };
  const result = await createWorkspaceDal(input);
  if (!result.ok) throw new Error(`createWorkspace factory: slug ${input.slug} is taken`);
  const owner = await systemDb().user.findUniqueOrThrow({
    where: { tenantId_id: { tenantId: result.tenant.id, id: result.owner.id } },
  });
  return {
    tenant: { id: result.tenant.id, slug: result.tenant.slug, name: result.tenant.name },
    owner,
    password: input.password,
  };
}

export type MemberOverrides = {
  email?: string;
  name?: string;
  employeeNumber?: string | null;
  status?: MemberStatus;
  locale?: string | null;
  password?: string;
};

/** A member of the workspace with the given role, inserted directly (as if they had joined). */
export async function addMember(tenantId: string, role: Role, overrides: MemberOverrides = {}): Promise<User> {
  const suffix = uniqueSuffix();
  return systemDb().user.create({
    data: {
      tenantId,
      email: overrides.email ?? `${role.toLowerCase().replace("_", "-")}-${suffix}@example.test`,
      name: overrides.name ?? `${role} ${suffix}`,
      employeeNumber: overrides.employeeNumber ?? null,
      passwordHash: await cachedPasswordHash(overrides.password ?? TEST_PASSWORD),
      role,
      status: overrides.status ?? "ACTIVE",
      locale: overrides.locale ?? "en",
    },
  });
}

/**
 * The context a signed-in request of this member would hand to the DAL: an unrestricted session on
 * an allowed network unless `extra` says otherwise.
 */
export function memberContext(user: User, tenant: TestTenant, extra: Partial<MemberContext> = {}): MemberContext {
  const context = {
    tenant: { ipAllowlist: [] as string[], ...tenant },
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      status: user.status,
      locale: user.locale,
      employeeNumber: user.employeeNumber,
    },
    role: user.role,
    sessionId: `test-session-${user.id}`,
    restriction: null,
    pendingSteps: [],
    amr: ["pwd"],
    verifiedAt: new Date(),
    networkAllowed: true,
    ...extra,
  };
  return context;
}

/** Emails recorded for this address (any transport), oldest first. */
export async function emailsTo(address: string) {
  return systemDb().emailMessage.findMany({
    where: { to: address.trim().toLowerCase() },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** Every invitation token linked for this workspace in an email's plain-text part. */
export function invitationTokensIn(text: string, slug: string): string[] {
  const escaped = slug.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...text.matchAll(new RegExp(`/${escaped}/invite/([A-Za-z0-9_-]+)`, "g"))].map((match) => match[1]!);
}

/** Audit events of a workspace, oldest first. */
export async function auditEvents(tenantId: string, type?: string) {
  return systemDb().auditEvent.findMany({
    where: { tenantId, ...(type ? { type } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}
