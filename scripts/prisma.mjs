// Runs the Prisma CLI offline. Prisma 6.19 otherwise downloads native engines from its CDN at
// start-up, which these machines cannot reach. With the Rust-free client (engineType "client")
// and the WebAssembly schema engine (prisma.config.ts: engine "js") neither binary is executed,
// so pointing both variables at any existing file is enough to skip the download.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const stub = fileURLToPath(import.meta.url);
export const prismaEnv = {
  PRISMA_SCHEMA_ENGINE_BINARY: stub,
  PRISMA_QUERY_ENGINE_LIBRARY: stub,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
  PRISMA_ENGINES_CHECKSUM_IGNORE_MISSING: "1",
};

/** Runs the CLI; with quiet, its chatter is shown only when it fails. */
export function runPrisma(args, env = {}, { quiet = false } = {}) {
  const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const result = spawnSync(process.execPath, [cli, ...args], {
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
    // generate and validate read the datasource URL without connecting; give them a placeholder.
    env: { DATABASE_URL: "postgresql://localhost/unused", ...process.env, ...prismaEnv, ...env },
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error(`prisma ${args.join(" ")} failed with exit code ${result.status}`);
  }
}

if (process.argv[1] === stub) {
  try {
    runPrisma(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
