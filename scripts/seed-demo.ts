// Run by scripts/start.mjs and scripts/reset-demo.mjs (through tsx, with DATABASE_URL set).
import { deleteDemoWorkspace, ensureDemoWorkspace } from "@/lib/demo/demo-workspace";
import { seedDemoCrm } from "@/lib/demo/seed-crm";
import { systemDb } from "@/lib/db/prisma";

const reset = process.argv.includes("--reset");
if (reset) await deleteDemoWorkspace();
const created = await ensureDemoWorkspace();
console.log(created ? "Demo workspace created." : "Demo workspace already present.");
if (await seedDemoCrm()) console.log("Demo CRM data seeded (customers, contacts, opportunities, activities, tasks).");
await systemDb().$disconnect();
