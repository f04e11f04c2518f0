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
      adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }),
      // Prisma's 2 s default for acquiring a transaction is too tight when the pool is busy.
      transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    });
  }
  return holder.relayPrisma;
}

export type Db = PrismaClient;
