// Starts PostgreSQL once for the whole Vitest run and migrates a template database; every test
// file then gets its own copy of it (test/fresh-database.ts). DATABASE_URL, when set, names the
// server to use instead of the embedded one (its database is used as the admin connection).
import type { TestProject } from "vitest/node";
import { createServer } from "node:net";
import { rm } from "node:fs/promises";
import { startEmbeddedPostgres, dropDatabase, ensureDatabase } from "../scripts/lib/embedded-db.mjs";
import { runPrisma } from "../scripts/prisma.mjs";

const TEMPLATE = `relay_test_template_${process.pid}`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl: string;
  let stop = async () => {};
  if (process.env.DATABASE_URL) {
    adminUrl = process.env.DATABASE_URL;
  } else {
    // A cluster of this run's own (initdb takes about a second), so runs never share state and
    // one run's teardown can't stop a server another run is using.
    const dir = `.data/test-pg-${process.pid}`;
    const db = await startEmbeddedPostgres({ dir, port: await freePort(), database: "postgres" });
    adminUrl = db.adminUrl;
    stop = async () => {
      await db.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  await dropDatabase(adminUrl, TEMPLATE);
  await ensureDatabase(adminUrl, TEMPLATE);
  runPrisma(["migrate", "deploy"], { DATABASE_URL: withDatabase(adminUrl, TEMPLATE) }, { quiet: true });
  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", TEMPLATE);
  return async () => {
    if (process.env.DATABASE_URL) await dropDatabase(adminUrl, TEMPLATE);
    await stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}
