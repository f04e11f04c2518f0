// Runs a TypeScript benchmark against a scratch database: BENCH_DATABASE_URL, or a database
// "relay_bench" on the embedded PostgreSQL (created and migrated here).
import path from "node:path";
import { spawnSync } from "node:child_process";
import { startEmbeddedPostgres } from "../lib/embedded-db.mjs";
import { migrate } from "../lib/database.mjs";

const script = process.argv[2];
// --pg-dir=… --pg-port=…: a benchmark with a lot of data keeps its own cluster (bench:crm).
const flag = (name) => process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
let url = process.env.BENCH_DATABASE_URL;
let stop = async () => {};
if (!url) {
  const db = await startEmbeddedPostgres({ dir: flag("pg-dir") ?? ".data/pg", port: Number(flag("pg-port") ?? process.env.EMBEDDED_PG_PORT ?? 54329), database: "relay_bench" });
  url = db.url;
  stop = db.stop;
}
migrate(url);
// --outside-react-server: for benchmarks that reach code translating with next-intl (see the hook).
const conditions = process.argv.includes("--outside-react-server")
  ? ["--import", path.resolve("scripts/bench/server-only-outside-next.mjs")]
  : ["--conditions=react-server"];
// Any other argument is the benchmark's own (bench:http --demo).
const own = process.argv.slice(3).filter((arg) => !/^--(pg-dir|pg-port)=/.test(arg) && arg !== "--outside-react-server");
const result = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), ...conditions, script, ...own], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production" },
});
await stop();
process.exit(result.status ?? 1);
