import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClaimedJob } from "../schedule";

/**
 * A job handler. It runs inside the transaction that marks its job done, so its database writes
 * and the "done" commit together: a crash before the commit leaves nothing half-done and the job
 * runs again; a second worker waits on the job's row lock and then finds it done.
 */
export type JobHandler = (job: ClaimedJob, tx: Prisma.TransactionClient, now: Date) => Promise<void>;
