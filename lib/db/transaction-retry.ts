import "server-only";
import { setTimeout as sleep } from "node:timers/promises";

// A transaction PostgreSQL aborted as a deadlock victim (SQLSTATE 40P01) or a serialization failure
// (40001) did nothing: everything it wrote is rolled back, and running it again is the documented
// remedy. Deadlocks can't be designed out here: the report and board rollup triggers read the
// customer FOR SHARE and update shared counter rows, so two writes as ordinary as moving two deals
// in opposite directions, or two customers swapping owners, take the same locks in opposite orders.
// The DAL's transactions (lib/db/tenant-db.ts) therefore run again, a few times, after a short
// random pause, so the member's write lands instead of failing with a generic error.
//
// Only interactive transactions (a callback) are retried: the callback re-reads what it decides on
// and writes only through its transaction, so a second run is a fresh attempt. A batch of queries
// passed as an array is not: its queries cannot be re-sent.

/** Runs of one transaction at most (the first and up to four more). */
export const TRANSACTION_ATTEMPTS = 5;

const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);

/** Whether the error is PostgreSQL aborting the transaction as a deadlock victim or a serialization failure. */
export function isTransactionConflict(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  // Prisma reports 40P01 and 40001 from a model query as P2034 ("write conflict or deadlock")…
  if (code === "P2034") return true;
  // …and from a raw query as P2010, with PostgreSQL's own code kept by the driver adapter.
  const original = meta?.driverAdapterError?.cause?.originalCode;
  if (code === "P2010" && typeof original === "string") return RETRYABLE_SQLSTATES.has(original);
  // The pg driver's own error, should one come through unwrapped.
  return typeof code === "string" && RETRYABLE_SQLSTATES.has(code);
}

/** Runs `attempt` again while it fails with a transaction conflict, up to TRANSACTION_ATTEMPTS runs. */
export async function retryOnTransactionConflict<T>(attempt: () => Promise<T>, attempts = TRANSACTION_ATTEMPTS): Promise<T> {
  for (let run = 1; ; run++) {
    try {
      return await attempt();
    } catch (error) {
      if (run >= attempts || !isTransactionConflict(error)) throw error;
      // A random pause, growing with each run, so the transactions that collided don't collide again in step.
      await sleep(Math.random() * 20 * 2 ** run);
    }
  }
}

type TransactionClient = { $transaction: (...args: never[]) => unknown };

/** The same client, whose interactive transactions run again after a deadlock or serialization failure. */
export function withTransactionRetry<C extends TransactionClient>(client: C): C {
  const transaction = client.$transaction.bind(client) as (input: unknown, options?: unknown) => Promise<unknown>;
  const retrying = (input: unknown, options?: unknown) =>
    typeof input === "function" ? retryOnTransactionConflict(() => transaction(input, options)) : transaction(input, options);
  return new Proxy(client, {
    get(target, property, receiver) {
      return property === "$transaction" ? retrying : Reflect.get(target, property, receiver);
    },
  });
}
