// npm run db:migrate — applies prisma/migrations to DATABASE_URL or the embedded PostgreSQL.
import { loadEnv } from "./lib/load-env.mjs";
import { openDatabase, migrate } from "./lib/database.mjs";

loadEnv();
const db = await openDatabase();
try {
  migrate(db.url);
} finally {
  await db.stop();
}
