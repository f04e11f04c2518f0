import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { hitRateLimit } from "./rate-limit";
import { issueResetLink } from "./reset-links";

// The forgot-password form's work: find the member, keep to the per-member limit, email a link
// (reset-links.ts issues it).

/** Reset emails per member: beyond this the request is dropped without telling anyone. */
export const RESET_EMAIL_LIMIT = { limit: 3, windowSeconds: 15 * 60 };

export type ResetRequestOutcome = "sent" | "no-account" | "rate-limited";

/**
 * The forgot-password form's work, run after the answer has gone out (the answer is the same
 * whatever happens here). Finds the ACTIVE member by email or employee number (trimmed,
 * case-insensitive) and emails them a 30-minute single-use link; at most RESET_EMAIL_LIMIT per
 * member. The outcome is for tests and logs only: never show it to the person asking.
 */
export async function requestPasswordReset(input: {
  tenantId: string;
  username: string;
  ip: string | null;
  userAgent: string | null;
  /** "reset-required": the member asked for a sign-in link while only a new password can let them in. */
  reason?: "requested" | "reset-required";
  now?: Date;
}): Promise<ResetRequestOutcome> {
  const now = input.now ?? new Date();
  const username = input.username.trim().toLowerCase().slice(0, 254);
  if (!username) return "no-account";
  const db = tenantDb(input.tenantId);
  const user = await db.user.findFirst({
    where: { tenantId: input.tenantId, status: "ACTIVE", OR: [{ email: username }, { employeeNumberKey: username }] },
    include: { tenant: true },
  });
  if (!user) return "no-account";
  const limit = await hitRateLimit(`password-reset:${input.tenantId}:${user.id}`, RESET_EMAIL_LIMIT.limit, RESET_EMAIL_LIMIT.windowSeconds, now);
  if (!limit.allowed) return "rate-limited";
  await issueResetLink({ tenant: user.tenant, user, reason: input.reason ?? "requested", ip: input.ip, userAgent: input.userAgent, now });
  return "sent";
}
