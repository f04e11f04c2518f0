import "server-only";
import { authorize, type MemberContext } from "../context";
import { systemDb } from "@/lib/db/prisma";
import { UNTIL_ADMIN_UNLOCKS } from "@/lib/auth/sign-in-throttle";
import type { MemberStatus, Role } from "@/lib/generated/prisma/enums";
import { listEnrolledAuthenticators, type EnrolledAuthenticator } from "./enrolled-authenticators";

export type AccessReviewRow = {
  id: string;
  name: string;
  email: string;
  employeeNumber: string | null;
  role: Role;
  status: MemberStatus;
  createdAt: Date;
  lastSignInAt: Date | null;
  passwordChangedAt: Date;
  /** Whole days since the password was last set. */
  passwordAgeDays: number;
  /** Older than the workspace's maximum password age (never, when the policy sets none). */
  passwordExpired: boolean;
  /** Authenticator apps and SMS numbers enrolled (empty until those features exist). */
  secondFactors: EnrolledAuthenticator[];
  /** Passkeys registered (empty until passkeys exist). */
  passkeys: EnrolledAuthenticator[];
  locked: boolean;
  /** When the lock runs out; null when not locked or when only an admin can lift it. */
  lockedUntil: Date | null;
  lockedUntilAdminUnlocks: boolean;
  /** Sessions that would still be accepted now: not revoked, not expired, not idle too long. */
  activeSessions: number;
};

const DAY_MS = 86_400_000;

/**
 * Everyone in the workspace with what an access review asks about them: role and status, when
 * they last signed in, how old their password is, what second factors and passkeys they have,
 * whether sign-in is locked and how many sessions are live. Owners and Admins only.
 */
export async function listAccessReview(ctx: MemberContext, now = new Date()): Promise<AccessReviewRow[]> {
  const db = authorize(ctx, "audit.view");
  // The idle timeout is a column of the workspace itself (Tenant), which the tenant-scoped client
  // deliberately refuses; read this workspace's own row by its id.
  const [users, policy, throttles, tenant] = await Promise.all([
    db.user.findMany({
      select: {
        id: true,
        name: true,
        email: true,
        employeeNumber: true,
        role: true,
        status: true,
        createdAt: true,
        lastSignInAt: true,
        passwordChangedAt: true,
      },
      orderBy: [{ status: "asc" }, { name: "asc" }, { email: "asc" }],
    }),
    db.securityPolicy.findFirst({ select: { passwordMaxAgeDays: true } }),
    db.signInThrottle.findMany({
      where: { usernameKey: { startsWith: "user:" }, lockedUntil: { gt: now } },
      select: { usernameKey: true, lockedUntil: true },
    }),
    systemDb().tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { sessionIdleMinutes: true } }),
  ]);
  const sessions = await db.session.groupBy({
    by: ["userId"],
    where: {
      revokedAt: null,
      expiresAt: { gt: now },
      lastActiveAt: { gt: new Date(now.getTime() - tenant.sessionIdleMinutes * 60_000) },
    },
    _count: { _all: true },
  });
  const authenticators = await listEnrolledAuthenticators(db, users.map((user) => user.id));

  const sessionCount = new Map(sessions.map((row) => [row.userId, row._count._all]));
  const locks = new Map(throttles.map((row) => [row.usernameKey.slice("user:".length), row.lockedUntil!]));
  const maxAgeDays = policy?.passwordMaxAgeDays ?? 0;

  return users.map((user) => {
    const lock = locks.get(user.id) ?? null;
    const enrolled = authenticators.get(user.id) ?? [];
    const ageMs = Math.max(now.getTime() - user.passwordChangedAt.getTime(), 0);
    const adminOnly = lock !== null && lock.getTime() >= UNTIL_ADMIN_UNLOCKS.getTime();
    return {
      ...user,
      passwordAgeDays: Math.floor(ageMs / DAY_MS),
      passwordExpired: maxAgeDays > 0 && ageMs >= maxAgeDays * DAY_MS,
      secondFactors: enrolled.filter((item) => item.kind !== "passkey"),
      passkeys: enrolled.filter((item) => item.kind === "passkey"),
      locked: lock !== null,
      lockedUntil: adminOnly ? null : lock,
      lockedUntilAdminUnlocks: adminOnly,
      activeSessions: sessionCount.get(user.id) ?? 0,
    };
  });
}
