// npm run db:reset-demo — deletes the demo workspace and seeds it afresh.
import path from "node:path";
import { spawnSync } from "node:child_process";
import { loadEnv } from "./lib/load-env.mjs";
import { openDatabase, migrate } from "./lib/database.mjs";

loadEnv();
const db = await openDatabase();
try {
  migrate(db.url);
  const result = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/seed-demo.ts", "--reset"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: db.url },
  });
  process.exitCode = result.status ?? 1;
} finally {
  await db.stop();
}
