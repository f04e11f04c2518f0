// Shared by the cross-tenant walk (lib/dal/cross-tenant.test.ts) and the per-area case files
// beside this one: each tenant-owned model needs one ModelCase.
import { randomBytes } from "node:crypto";
import type { User } from "@/lib/generated/prisma/client";
import type { TestWorkspace } from "@/test/factories";

export type Row = Record<string, unknown> & { tenantId: string };
export type Where = Record<string, unknown>;

/** The unique key of a row whose primary key is (tenantId, id). */
export function idKey(tenantId: string, id: string) {
  return { tenantId_id: { tenantId, id } };
}

export const rand = () => randomBytes(8).toString("hex");
export const inAnHour = () => new Date(Date.now() + 3_600_000);

/** A workspace with an Owner (ws.owner), an Admin and a Sales rep (ws.member). */
export type Side = TestWorkspace & { admin: User; member: User };

export type ModelCase = {
  /** Inserts a new row into the workspace (via systemDb) and returns it; singletons return the existing row. */
  seed(ws: Side): Promise<Row>;
  /** One row per workspace, keyed by tenantId alone (so "B's id" is B's tenantId). */
  singleton?: true;
  /** How an attacker who learnt the row's identifier would name it (without a tenantId). */
  match(row: Row): Where;
  /** The row's unique key as findUnique/update/delete take it. */
  unique(row: Row): Where;
  /** Data for a create through tenantDb(inWs) that claims to belong to `claimed`. */
  createData(inWs: Side, claimed: Side): Where;
  /** A change an attacker would like to make to the row. */
  change: Where;
  /**
   * For each column that names a member: a row in workspace `ws` whose column points at `user`.
   * The composite foreign key must refuse it when `user` belongs to another workspace.
   */
  referencing: Record<string, (ws: Side, user: User) => Where>;
};
