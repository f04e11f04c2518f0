import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { systemDb } from "./prisma";
import { withTransactionRetry } from "./transaction-retry";

// Models that belong to a workspace. Every query through tenantDb() is confined to one tenant:
// the extension adds tenantId to every filter and every row written, so a DAL function that
// forgets to scope a query still cannot reach another workspace's rows. (The composite foreign
// keys in the schema are the second line; the cross-tenant tests the third.)
const TENANT_MODELS = new Set([
  "User",
  "Session",
  "Invitation",
  "AuditEvent",
  "SecurityPolicy",
  "PasswordHistory",
  "SignInThrottle",
  "PasswordResetToken",
  "KnownDevice",
  "MfaPolicy",
  "Passkey",
  "WebAuthnChallenge",
  "TotpFactor",
  "RecoveryCode",
  "PhoneFactor",
  "SmsCode",
  "SmsPasswordReset",
  "EmailCodeFactor",
  "EmailCode",
  "EmailSignInToken",
  "RememberedDevice",
  "SsoConnection",
  "Account",
  "SsoTicket",
  "Customer",
  "Contact",
  "PipelineStage",
  "Opportunity",
  "OpportunityStageChange",
  "Activity",
  "Task",
  "RecordChange",
  "ImportJob",
  "Dashboard",
  "ExchangeRate",
  "SavedView",
]);

const WHERE_OPERATIONS = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

type Args = Record<string, unknown> & { where?: object; data?: unknown; create?: object; update?: object };

function withoutTenantId(data: unknown): Record<string, unknown> {
  const { tenantId: _dropped, ...rest } = data as Record<string, unknown>;
  return rest;
}

function withTenant<T>(data: T, tenantId: string): T {
  if (Array.isArray(data)) return data.map((row) => ({ ...row, tenantId })) as T;
  return { ...data, tenantId };
}

export function scopeArgs(operation: string, args: Args, tenantId: string): Args {
  const scoped: Args = { ...args };
  if (WHERE_OPERATIONS.has(operation) || operation === "upsert") {
    scoped.where = { ...(args.where ?? {}), tenantId };
  }
  if (operation === "create" || operation === "createMany" || operation === "createManyAndReturn") {
    scoped.data = withTenant(args.data, tenantId);
  }
  if (operation === "upsert") {
    scoped.create = withTenant(args.create, tenantId);
  }
  // A row may never be moved to another workspace: tenantId is dropped from every change.
  if (["update", "updateMany", "updateManyAndReturn"].includes(operation) && args.data) {
    scoped.data = withoutTenantId(args.data);
  }
  if (operation === "upsert" && args.update) {
    scoped.update = withoutTenantId(args.update);
  }
  return scoped;
}

/**
 * The DAL's database: confined to one workspace, and its interactive transactions run again when
 * PostgreSQL aborts one as a deadlock victim (lib/db/transaction-retry.ts). Raw SQL goes through
 * $tenantQuery / $tenantExecute only (see withTenantSql below).
 */
export function tenantDb(tenantId: string): TenantDb {
  if (!tenantId) throw new Error("tenantDb needs a tenant id");
  return withTenantSql(withTransactionRetry(scopedToTenant(tenantId)), tenantId, "client") as unknown as TenantDb;
}

function scopedToTenant(tenantId: string) {
  return systemDb().$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          if (!TENANT_MODELS.has(model)) {
            throw new Error(`${model} is not a tenant-owned model; use systemDb() deliberately`);
          }
          return query(scopeArgs(operation, args as Args, tenantId));
        },
      },
    },
  });
}

// --- Raw SQL ------------------------------------------------------------------------------------
// The extension above rewrites model operations; it cannot rewrite SQL. Prisma's $queryRaw and
// $executeRaw on a tenant client would look scoped and reach every workspace, so the tenant client
// has none of them (not in its type, and a call reached through a cast throws). Its one door for
// SQL is a statement built by a callback that is handed the workspace's id as a bound parameter
// (`tenant`, a Prisma.Sql fragment; never spliced into the text), and the statement is refused
// before it is sent unless it binds that id. Forgetting `WHERE x."tenantId" = ${tenant}` therefore
// fails on its first run in any test, instead of quietly reading every workspace. What the check
// cannot see (a join to a second table that is not tied to the tenant) is caught by the composite
// foreign keys (a row can only point at rows of its own workspace) and the cross-tenant tests.
//
// Row-level security (SET LOCAL app.tenant_id plus policies) would check each row in PostgreSQL
// itself, but it binds only roles that neither own the tables nor are superusers, and the app
// connects as the role its migrations run as; this check is the part that holds for that setup.

/** Prisma's methods that take any statement (and $extends, which would hand them back). */
const UNSCOPED_METHODS = new Set(["$queryRaw", "$executeRaw", "$queryRawUnsafe", "$executeRawUnsafe", "$queryRawTyped", "$extends"]);
type UnscopedMethod = "$queryRaw" | "$executeRaw" | "$queryRawUnsafe" | "$executeRawUnsafe" | "$queryRawTyped" | "$extends";

/** Builds a statement from the workspace's id, bound as a parameter. */
export type TenantStatement = (tenant: Prisma.Sql) => Prisma.Sql;

export type TenantSql = {
  /** Runs a SELECT (or a statement with RETURNING) that binds the workspace's id; refused otherwise. */
  $tenantQuery<T = unknown>(statement: TenantStatement): Prisma.PrismaPromise<T>;
  /** Runs a statement that binds the workspace's id and returns the rows it changed; refused otherwise. */
  $tenantExecute(statement: TenantStatement): Prisma.PrismaPromise<number>;
};

/**
 * The schedule's own door (lib/jobs/schedule.ts, nowhere else): a task's reminder is written to
 * the global "ScheduledJob" table in the same transaction as the task, so the two commit together.
 * Only a statement on that table alone passes.
 */
export type ScheduleWriter = {
  $writeSchedule(statement: Prisma.Sql): Prisma.PrismaPromise<number>;
};

type Scoped = ReturnType<typeof scopedToTenant>;
type TransactionDenyList = "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends";

/** An interactive transaction on a tenant client: the same rules, plus the schedule's door. */
export type TenantTransaction = Omit<Scoped, TransactionDenyList | UnscopedMethod> & TenantSql & ScheduleWriter;

export type TenantDb = Omit<Scoped, UnscopedMethod | "$transaction"> &
  TenantSql & {
    // The callback overload last, as Prisma's own: Parameters<> reads the last one (TenantTransaction).
    $transaction<P extends Prisma.PrismaPromise<unknown>[]>(
      queries: [...P],
      options?: { isolationLevel?: Prisma.TransactionIsolationLevel },
    ): Promise<{ [K in keyof P]: Awaited<P[K]> }>;
    $transaction<R>(
      work: (tx: TenantTransaction) => Promise<R>,
      options?: { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel },
    ): Promise<R>;
  };

type RawClient = {
  $queryRaw: (query: Prisma.Sql) => Prisma.PrismaPromise<unknown>;
  $executeRaw: (query: Prisma.Sql) => Prisma.PrismaPromise<number>;
  $transaction: (input: unknown, options?: unknown) => Promise<unknown>;
};

/** The statement, provided it binds the workspace's id; an Error naming the rule otherwise. */
export function tenantStatement(statement: TenantStatement, tenantId: string): Prisma.Sql {
  const sql = statement(Prisma.sql`${tenantId}`);
  if (!sql.values.includes(tenantId)) {
    throw new Error("A tenant statement must bind the workspace's id (the `tenant` fragment its callback receives)");
  }
  return sql;
}

// Our tables are named in PascalCase and columns in camelCase, so in PostgreSQL any table of ours
// must be written as a quoted identifier starting with a capital; unquoted, the name would fold to
// lower case and name no table of ours.
const QUOTED_TABLE = /"([A-Z][A-Za-z]*)"/g;

/** The statement, provided every table it names is "ScheduledJob". */
export function scheduleStatement(statement: Prisma.Sql): Prisma.Sql {
  const tables = [...statement.sql.matchAll(QUOTED_TABLE)].map((match) => match[1]);
  if (tables.length === 0 || tables.some((table) => table !== "ScheduledJob")) {
    throw new Error('$writeSchedule runs statements on "ScheduledJob" alone');
  }
  return statement;
}

function withTenantSql(client: object, tenantId: string, kind: "client" | "transaction"): object {
  const raw = client as RawClient;
  return new Proxy(client, {
    get(target, property, receiver) {
      if (typeof property === "string" && UNSCOPED_METHODS.has(property)) {
        return () => {
          throw new Error(`${property} is not scoped to a workspace; a tenant client runs SQL through $tenantQuery / $tenantExecute`);
        };
      }
      if (property === "$tenantQuery") return (statement: TenantStatement) => raw.$queryRaw(tenantStatement(statement, tenantId));
      if (property === "$tenantExecute") return (statement: TenantStatement) => raw.$executeRaw(tenantStatement(statement, tenantId));
      if (property === "$writeSchedule" && kind === "transaction") {
        return (statement: Prisma.Sql) => raw.$executeRaw(scheduleStatement(statement));
      }
      if (property === "$transaction" && kind === "client") {
        // The transaction's client is a new object Prisma makes per run: it gets the same rules.
        return (input: unknown, options?: unknown) =>
          typeof input === "function"
            ? raw.$transaction((tx: object) => (input as (tx: object) => unknown)(withTenantSql(tx, tenantId, "transaction")), options)
            : raw.$transaction(input, options);
      }
      return Reflect.get(target, property, receiver);
    },
  });
}
