// lib/auth reaches workspace data through tenantDb(tenantId), like the DAL (issue 16, item 2):
// every sign-in, reset and second-factor flow knows its workspace (the address's slug → tenant
// first), so a query that forgets its tenantId still cannot touch another workspace's members.
// systemDb() is for the tables that belong to no workspace, named in GLOBAL_TABLES below; the
// lookups by a token that carries no workspace are in lib/db/unsafe-unscoped.ts, named unsafe….
// A module that uses systemDb() any other way fails here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

// The global tables, as Prisma's client names them: workspaces themselves, the per-IP and
// per-address rate-limit counters, spent captchas, and the outbox of emails and texts.
const GLOBAL_TABLES = new Set(["tenant", "rateLimitCounter", "usedCaptcha", "emailMessage", "smsMessage", "scheduledJob"]);
// Raw SQL on the system client, by module: the rate limiter's one upsert on RateLimitCounter.
const RAW_SQL_ALLOWED = new Set(["lib/auth/rate-limit.ts"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    // Tests and their helpers seed rows of any workspace on purpose.
    return /\.tsx?$/.test(entry) && !/\.test\.tsx?$/.test(entry) && !entry.endsWith("test-helpers.ts") ? [full] : [];
  });
}

/** Each use of systemDb() in the source that is not `systemDb().<global table>.…`, as "file:line: text". */
function unscopedUses(relative: string, source: string): string[] {
  const problems: string[] = [];
  for (const match of source.matchAll(/systemDb\(\)(\.(\$?\w+))?/g)) {
    const member = match[2];
    if (member && GLOBAL_TABLES.has(member)) continue;
    if (member && member.startsWith("$queryRaw") && RAW_SQL_ALLOWED.has(relative)) continue;
    if (member === "$executeRaw" && RAW_SQL_ALLOWED.has(relative)) continue;
    const line = source.slice(0, match.index).split("\n").length;
    problems.push(`${relative}:${line}: ${match[0]}`);
  }
  return problems;
}

describe("lib/auth and the tenant-scoped client", () => {
  const files = sourceFiles(path.join(ROOT, "lib/auth"));

  it("finds the modules", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it("uses systemDb() only for the global tables", () => {
    const problems = files.flatMap((file) => unscopedUses(path.relative(ROOT, file), readFileSync(file, "utf8")));
    expect(problems).toEqual([]);
  });

  it("catches a workspace table reached through systemDb(), directly or through a variable", () => {
    expect(unscopedUses("lib/auth/x.ts", "const user = await systemDb().user.findFirst({ where: { email } });")).toEqual(["lib/auth/x.ts:1: systemDb().user"]);
    expect(unscopedUses("lib/auth/x.ts", "const db = systemDb();\nawait db.session.findMany();")).toEqual(["lib/auth/x.ts:1: systemDb()"]);
    expect(unscopedUses("lib/auth/x.ts", "await systemDb().$transaction(async (tx) => tx.passkey.deleteMany());")).toEqual(["lib/auth/x.ts:1: systemDb().$transaction"]);
    expect(unscopedUses("lib/auth/x.ts", "await systemDb().$queryRaw`SELECT * FROM \"User\"`;")).toEqual(["lib/auth/x.ts:1: systemDb().$queryRaw"]);
    expect(unscopedUses("lib/auth/x.ts", "await systemDb().tenant.findUnique({ where: { slug } });")).toEqual([]);
  });
});
