// Cross-tenant walk cases for the home dashboards (lib/dal/dashboards): a member's own report
// cards and the dashboards an Owner or Admin publishes to the workspace or a role.
import { systemDb } from "@/lib/db/prisma";
import { idKey, rand, type ModelCase } from "./support";

const cards = [{ id: "abcdef", report: "pipeline", range: "last-12-months", ownerId: null }];

export const DASHBOARD_CASES: Record<string, ModelCase> = {
  Dashboard: {
    seed: (ws) =>
      systemDb().dashboard.create({
        data: { tenantId: ws.tenant.id, userId: ws.admin.id, name: `Team ${rand()}`, audience: "WORKSPACE", cards },
      }),
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => ({ tenantId: claimed.tenant.id, userId: inWs.admin.id, name: "Planted", audience: "WORKSPACE", cards }),
    // Putting the attacker's cards (an owner filter naming their own member) on another workspace's home.
    change: { name: "Tampered", cards: [{ id: "zzzzzz", report: "win-rate", range: "this-month", ownerId: "attacker" }] },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, name: "Planted", audience: null, cards }),
    },
  },
};
