// Runs before each test file: clones the migrated template into a database of this file's own,
// so no test sees another's rows, and points DATABASE_URL (read lazily by lib/db) at it.
import { afterAll, inject } from "vitest";
import { randomBytes } from "node:crypto";
import pg from "pg";

const adminUrl = inject("adminDatabaseUrl");
const template = inject("templateDatabase");
const database = `relay_test_${randomBytes(6).toString("hex")}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${database}" template "${template}"`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${database}`;
process.env.DATABASE_URL = url.toString();

afterAll(async () => {
  const holder = globalThis as { relayPrisma?: { $disconnect(): Promise<void> } };
  await holder.relayPrisma?.$disconnect();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists "${database}" with (force)`);
  await client.end();
});
