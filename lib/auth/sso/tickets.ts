import "server-only";
import { tenantDb } from "@/lib/db/tenant-db";
import { unsafeFindSsoTicket } from "@/lib/db/unsafe-unscoped";
import type { Prisma } from "@/lib/generated/prisma/client";
import { generateToken, hashToken } from "@/lib/auth/tokens";

// The bridge between Auth.js's callback and our own session. Auth.js's signIn callback, once the
// rules have passed, stores a ticket and redirects the browser to /api/<workspace>/sso/complete
// with it; that route consumes it (once, within two minutes, for the workspace in its own path)
// and opens the app's session. Auth.js never creates a user, a session or a JWT of its own.

export const TICKET_TTL_MS = 2 * 60_000;

export type TicketPurpose = "sign-in" | "test";
export type TicketClaims = { email: string | null; subject: string; amr: string[]; acr: string | null; provisioned?: boolean; next?: string | null };

export async function issueSsoTicket(input: {
  tenantId: string;
  connectionId: string;
  userId: string | null;
  purpose: TicketPurpose;
  claims: TicketClaims;
  now?: Date;
}): Promise<string> {
  const now = input.now ?? new Date();
  const token = generateToken();
  await tenantDb(input.tenantId).ssoTicket.create({
    data: {
      tenantId: input.tenantId,
      connectionId: input.connectionId,
      userId: input.userId,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      claims: input.claims as unknown as Prisma.InputJsonValue,
      expiresAt: new Date(now.getTime() + TICKET_TTL_MS),
    },
  });
  return token;
}

export type ConsumedTicket = {
  id: string;
  tenantId: string;
  connectionId: string;
  userId: string | null;
  purpose: TicketPurpose;
  claims: TicketClaims;
  createdAt: Date;
};

export type TicketRefusal = "unknown" | "used" | "expired" | "other-workspace";

/**
 * Uses the ticket once: the UPDATE claims it only while it is unused and unexpired, so two
 * requests racing with the same ticket can't both win. A ticket made for another workspace is
 * refused without being used up (its own workspace's request may still be on its way).
 */
export async function consumeSsoTicket(token: string, tenantId: string, now = new Date()): Promise<{ ok: true; ticket: ConsumedTicket } | { ok: false; reason: TicketRefusal; ticket?: ConsumedTicket }> {
  if (!token || token.length > 100) return { ok: false, reason: "unknown" };
  const row = await unsafeFindSsoTicket(hashToken(token));
  if (!row) return { ok: false, reason: "unknown" };
  const ticket: ConsumedTicket = {
    id: row.id,
    tenantId: row.tenantId,
    connectionId: row.connectionId,
    userId: row.userId,
    purpose: row.purpose === "test" ? "test" : "sign-in",
    claims: row.claims as unknown as TicketClaims,
    createdAt: row.createdAt,
  };
  if (row.tenantId !== tenantId) return { ok: false, reason: "other-workspace", ticket };
  if (row.usedAt) return { ok: false, reason: "used", ticket };
  if (row.expiresAt <= now) return { ok: false, reason: "expired", ticket };
  const claimed = await tenantDb(tenantId).ssoTicket.updateMany({ where: { tenantId, id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  if (claimed.count !== 1) return { ok: false, reason: "used", ticket };
  return { ok: true, ticket };
}
