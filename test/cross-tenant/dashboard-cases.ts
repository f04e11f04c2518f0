// Cross-tenant walk cases for the home dashboards (lib/dal/dashboards): a member's own report
// cards and the dashboards an Owner or Admin publishes to the workspace or a role; and for the
// lists' saved views (lib/dal/lists/saved-views.ts), personal or shared.
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

// Saved views of the lists (lib/dal/lists/saved-views.ts): a shared one is what another workspace
// would most like to read (its filters) or change (to plant its own query on the victim's list).
export const SAVED_VIEW_CASES: Record<string, ModelCase> = {
  SavedView: {
    seed: (ws) => {
      const name = `Hot leads ${rand()}`;
      return systemDb().savedView.create({
        data: { tenantId: ws.tenant.id, userId: ws.admin.id, list: "customers", name, nameKey: name.toLowerCase(), shared: true, query: "status=LEAD&sort=-createdAt" },
      });
    },
    match: (row) => ({ id: row.id }),
    unique: (row) => idKey(row.tenantId, String(row.id)),
    createData: (inWs, claimed) => {
      const name = `Planted ${rand()}`;
      return { tenantId: claimed.tenant.id, userId: inWs.admin.id, list: "customers", name, nameKey: name.toLowerCase(), shared: true, query: "" };
    },
    change: { name: "Tampered", nameKey: "tampered", query: "owner=attacker" },
    referencing: {
      userId: (ws, user) => ({ tenantId: ws.tenant.id, userId: user.id, list: "customers", name: `Planted ${rand()}`, nameKey: `planted ${rand()}`, shared: false, query: "" }),
    },
  },
};
