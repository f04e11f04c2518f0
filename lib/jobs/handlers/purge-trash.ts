import "server-only";
import { purgeExpiredTrash } from "@/lib/dal/customers/trash";
import type { JobHandler } from "./types";

/**
 * Daily: deletes for good what has been in the trash longer than 30 days (lib/dal/customers/trash.ts).
 * The purge commits in its own transaction; running it twice purges nothing more, so a retry after
 * a crash is harmless. Due-time jobs of purged tasks find no task and send nothing.
 */
export const runPurgeTrash: JobHandler = async (_job, _tx, now) => {
  await purgeExpiredTrash(now);
};
