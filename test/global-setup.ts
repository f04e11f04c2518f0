// Starts PostgreSQL once for the whole Vitest run and migrates a template database; every test
// file then gets its own copy of it (test/fresh-database.ts). DATABASE_URL, when set, names the
// server to use instead of the embedded one (its database is used as the admin connection).
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, dropDatabase, ensureDatabase } from "../scripts/lib/embedded-db.mjs";
import { runPrisma } from "../scripts/prisma.mjs";

const TEMPLATE = "relay_test_template";

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
    const db = await startEmbeddedPostgres({
      dir: ".data/test-pg",
      port: Number(process.env.TEST_PG_PORT ?? 54330),
      database: "postgres",
      log: console.log,
    });
    adminUrl = db.adminUrl;
    stop = db.stop;
  }
  await dropDatabase(adminUrl, TEMPLATE);
  await ensureDatabase(adminUrl, TEMPLATE);
  runPrisma(["migrate", "deploy"], { DATABASE_URL: withDatabase(adminUrl, TEMPLATE) }, { quiet: true });
  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", TEMPLATE);
  return async () => {
    await stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}
