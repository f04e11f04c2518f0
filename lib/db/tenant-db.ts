import "server-only";
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
  "EmailCodeFactor",
  "EmailCode",
  "EmailSignInToken",
  "RememberedDevice",
  "Customer",
  "Contact",
  "PipelineStage",
  "Opportunity",
  "OpportunityStageChange",
  "Activity",
  "Task",
  "RecordChange",
  "ImportJob",
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
 * PostgreSQL aborts one as a deadlock victim (lib/db/transaction-retry.ts).
 */
export function tenantDb(tenantId: string) {
  if (!tenantId) throw new Error("tenantDb needs a tenant id");
  return withTransactionRetry(scopedToTenant(tenantId));
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

export type TenantDb = ReturnType<typeof tenantDb>;
