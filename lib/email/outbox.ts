import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { normalizeEmailAddress } from "./email-address";

export interface OutboxMessage {
  id: string;
  tenantId: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
  template: string;
  transport: string;
  status: string;
  providerId: string | null;
  error: string | null;
  createdAt: Date;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 200;

/**
 * Recorded emails, newest first, optionally for one recipient. Lists every recorded email, not
 * only the outbox transport's, so the dev mailbox also shows what went out through Resend.
 */
export async function listOutbox(filter: { to?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
  const requested = Number.isFinite(filter.limit) ? Math.trunc(filter.limit ?? DEFAULT_LIMIT) : DEFAULT_LIMIT;
  const limit = Math.min(Math.max(requested, 1), MAX_LIMIT);
  return systemDb().emailMessage.findMany({
    where: filter.to === undefined ? {} : { to: normalizeEmailAddress(filter.to) },
    // id breaks ties between emails recorded in the same millisecond, so the order is stable.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      tenantId: true,
      to: true,
      subject: true,
      html: true,
      text: true,
      template: true,
      transport: true,
      status: true,
      providerId: true,
      error: true,
      createdAt: true,
    },
  });
}

/** Whether /dev/mailbox is served: the rule is in lib/config.ts. */
export { isMailboxEnabled } from "@/lib/config";
