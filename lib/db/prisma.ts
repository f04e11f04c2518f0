import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// One client per process (per test file in Vitest, which sets DATABASE_URL before first use).
// Created lazily so importing a module never opens a connection.
const holder = globalThis as { relayPrisma?: PrismaClient };

export function systemDb(): PrismaClient {
  if (!holder.relayPrisma) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    holder.relayPrisma = new PrismaClient({
      adapter: new PrismaPg({
        connectionString,
        max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
        // PostgreSQL's JIT compiles a plan it estimates as expensive (the report aggregates over a
        // large workspace) in about 100 ms, more than those queries then take to run: measured on
        // the home figures, 264 → 167 ms. Our queries are short; compiling never pays.
        options: "-c jit=off",
      }),
      // Prisma's 2 s default for acquiring a transaction is too tight when the pool is busy.
      transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    });
  }
  return holder.relayPrisma;
}

export type Db = PrismaClient;
