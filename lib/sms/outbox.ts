import "server-only";
import { systemDb } from "@/lib/db/prisma";

export interface SmsOutboxMessage {
  id: string;
  tenantId: string | null;
  to: string;
  body: string;
  transport: string;
  status: string;
  error: string | null;
  createdAt: Date;
}

/** Recorded text messages, newest first, optionally for one number (what /dev/mailbox shows). */
export async function listSmsOutbox(filter: { to?: string; limit?: number } = {}): Promise<SmsOutboxMessage[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 50) || 50, 1), 200);
  return systemDb().smsMessage.findMany({
    where: filter.to ? { to: filter.to } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, tenantId: true, to: true, body: true, transport: true, status: true, error: true, createdAt: true },
  });
}
