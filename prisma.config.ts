import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The WebAssembly schema engine talks to PostgreSQL through the driver adapter; see
// DESIGN.md "Prisma without native engines". DATABASE_URL is set by scripts/db-migrate.mjs
// (embedded PostgreSQL) or by the operator.

type Queryable = { query(sql: string): Promise<unknown> };

// adapter-pg 7 runs a migration by splitting it on every ";", which breaks any function body
// (the audit log's append-only trigger). PostgreSQL's simple query protocol takes the whole
// script at once, and runs it as one implicit transaction, so a failed migration leaves nothing
// half-applied.
class WholeScriptPg extends PrismaPg {
  async connect() {
    const adapter = await super.connect();
    // The pool is not part of the adapter's public type; it is the one adapter-pg queries with.
    const pool: Queryable = Reflect.get(adapter, "client");
    const rethrow: (error: unknown) => never = Reflect.get(adapter, "onError").bind(adapter);
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (error) {
        rethrow(error);
      }
    };
    return adapter;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  async adapter() {
    return new WholeScriptPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://invalid" });
  },
});
