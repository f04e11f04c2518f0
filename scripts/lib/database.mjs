// One place that answers "which PostgreSQL?": DATABASE_URL when the operator set one, otherwise the
// embedded cluster under .data/ that the quick start runs on.
import { startEmbeddedPostgres } from "./embedded-db.mjs";
import { runPrisma } from "../prisma.mjs";

export const EMBEDDED_PORT = Number(process.env.EMBEDDED_PG_PORT ?? 54329);

export async function openDatabase({ dir = ".data/pg", port = EMBEDDED_PORT, database = "relay", log = console.log } = {}) {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const db = await startEmbeddedPostgres({ dir, port, database, log });
  return { ...db, embedded: true };
}

export function migrate(url) {
  runPrisma(["migrate", "deploy"], { DATABASE_URL: url }, { quiet: true });
}
