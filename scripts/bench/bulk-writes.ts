// npm run bench:bulk — whether writes that touch many records at once stay fast as they grow: a
// transfer of every record a member owns (the DAL's transferRecords), one UPDATE adding a tag to
// every customer, one UPDATE refreshing every customer's searchText (what scripts/bench/crm-data.ts
// does), and a CSV import (the DAL's import). Each runs on workspaces of 10k, 50k and 100k customers
// (BULK_COUNTS=10000,50000 to choose) and prints the time and the time per row: a per-row time that
// grows with the count is the problem this watches for. Prints figures; asserts nothing.
import { performance } from "node:perf_hooks";
import { createWorkspace } from "@/lib/dal/workspaces/create-workspace";
import { transferRecords } from "@/lib/dal/tasks/transfer-records";
import { startImport } from "@/lib/dal/imports/run-import";
import { getImportJob } from "@/lib/dal/imports/import-jobs";
import { systemDb } from "@/lib/db/prisma";
import { contextFor, withClient } from "./crm-data";

const COUNTS = (process.env.BULK_COUNTS ?? "10000,50000,100000").split(",").map(Number);
const IMPORT_ROWS = (process.env.BULK_IMPORT_ROWS ?? "5000,10000,20000").split(",").map(Number);
const META = { ip: "127.0.0.1", userAgent: "bench:bulk" };
const log = (message: string) => console.log(`[bench-bulk] ${message}`);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** A workspace with `n` customers owned by one rep, each with a contact, and an opportunity and three activities for every other one. */
async function workspaceWith(n: number) {
  const slug = `bench-bulk-${n}-${Date.now().toString(36)}`;
  const created = await createWorkspace({ companyName: `Bulk ${n}`, slug, ownerName: "Bulk Owner", email: `owner@${slug}.test`, password: "bench-harbour-lantern-97", locale: "en" });
  if (!created.ok) throw new Error(`could not create ${slug}`);
  const tenantId = created.tenant.id;
  await systemDb().user.createMany({
    data: ["Rep From", "Rep To"].map((name, i) => ({ tenantId, role: "SALES_REP" as const, name, email: `rep${i}@${slug}.test`, passwordHash: "!bench-no-sign-in" })),
  });
  const reps = await systemDb().user.findMany({ where: { tenantId, role: "SALES_REP" }, orderBy: { name: "asc" }, select: { id: true } });
  const [from, to] = reps;
  const owner = await systemDb().user.findFirstOrThrow({ where: { tenantId, role: "OWNER" }, select: { id: true } });
  const started = performance.now();
  await withClient(async (db) => {
    const params = [tenantId, slug, from.id];
    await db.query(
      `INSERT INTO "Customer" (id, "tenantId", name, website, phone, city, status, tags, "ownerId", "searchText", "createdAt", "updatedAt")
       SELECT $2 || 'c' || g, $1, v.name, 'https://www.' || v.host, '+1415' || lpad(g::text, 7, '0'), 'London', 'ACTIVE',
         CASE WHEN g % 3 = 0 THEN ARRAY['VIP'] ELSE ARRAY[]::text[] END, $3,
         lower(v.name) || ' | ' || v.host || ' | +1415' || lpad(g::text, 7, '0') || ' | 1415' || lpad(g::text, 7, '0')
           || ' | ' || lower(v.contact) || ' | ' || v.email,
         now() - (g % 700) * interval '1 day', now()
       FROM generate_series(1, ${n}) g
       CROSS JOIN LATERAL (SELECT
         (ARRAY['Pacific','Golden','Summit','Harbor','华兴','东方'])[1 + g % 6] || ' ' || (ARRAY['Trading','Systems','科技','物流'])[1 + g % 4] || ' ' || g AS name,
         'company' || g || '.example' AS host,
         (ARRAY['John Smith','Mary Lee','王 伟','李 娜'])[1 + g % 4] AS contact,
         'buyer' || g || '@company' || g || '.example' AS email) v`,
      params,
    );
    await db.query(
      `INSERT INTO "Contact" (id, "tenantId", "customerId", name, email, "searchText", "createdAt", "updatedAt")
       SELECT $2 || 't' || g, $1, $2 || 'c' || g, (ARRAY['John Smith','Mary Lee','王 伟','李 娜'])[1 + g % 4], 'buyer' || g || '@company' || g || '.example',
         lower((ARRAY['John Smith','Mary Lee','王 伟','李 娜'])[1 + g % 4]) || ' | buyer' || g || '@company' || g || '.example', now(), now()
       FROM generate_series(1, ${n}) g`,
      params.slice(0, 2),
    );
    await db.query(
      `INSERT INTO "Opportunity" (id, "tenantId", title, "customerId", amount, currency, "stageId", probability, "ownerId", "createdAt", "updatedAt")
       SELECT $2 || 'o' || g, $1, 'Renewal ' || g, $2 || 'c' || (2 * g), 1000 + g % 5000, 'USD', st.id, st.probability, $3, now() - (g % 300) * interval '1 day', now()
       FROM generate_series(1, ${n / 2}) g
       JOIN (SELECT row_number() OVER (ORDER BY position) - 1 AS k, id, probability FROM "PipelineStage" WHERE "tenantId" = $1) st ON st.k = g % 4`,
      params,
    );
    await db.query(
      `INSERT INTO "Activity" (id, "tenantId", type, subject, "occurredAt", "customerId", "ownerId", "createdAt", "updatedAt")
       SELECT $2 || 'a' || g, $1, (ARRAY['CALL','EMAIL','MEETING'])[1 + g % 3]::"ActivityType", 'Follow-up', now() - (g % 500) * interval '1 day',
         $2 || 'c' || (2 * (1 + g % ${n / 2})), $3, now(), now()
       FROM generate_series(1, ${(3 * n) / 2}) g`,
      params,
    );
    await db.query(`ANALYZE "Customer"; ANALYZE "Contact"; ANALYZE "Opportunity"; ANALYZE "Activity"`);
  });
  log(`${n} customers generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { tenantId, from: from.id, to: to.id, owner: await contextFor(tenantId, owner.id) };
}

function csvOf(rows: number, prefix: string) {
  const lines = ["Name,Website,Phone,City,Status,Tags"];
  for (let i = 1; i <= rows; i += 1) lines.push(`${prefix} Imported ${i},imported${i}.${prefix}.example,,Leeds,Lead,Imported`);
  return new TextEncoder().encode(lines.join("\n"));
}

type Row = { what: string; rows: number; ms: number };
const results: Row[] = [];
const record = (what: string, rows: number, ms: number) => {
  results.push({ what, rows, ms });
  log(`${what}: ${rows} rows in ${(ms / 1000).toFixed(2)} s (${((ms * 1000) / rows).toFixed(0)} µs/row)`);
};

for (const n of COUNTS) {
  const ws = await workspaceWith(n);
  await withClient(async (db) => {
    const tag = await timed(() => db.query(`UPDATE "Customer" SET tags = array_append(tags, 'Bulk') WHERE "tenantId" = $1`, [ws.tenantId]));
    record("one UPDATE: a tag on every customer", tag.result.rowCount ?? 0, tag.ms);
    const text = await timed(() => db.query(`UPDATE "Customer" SET "searchText" = "searchText" || ' | bulk' WHERE "tenantId" = $1`, [ws.tenantId]));
    record("one UPDATE: every customer's searchText", text.result.rowCount ?? 0, text.ms);
  });
  const transfer = await timed(() => transferRecords(ws.owner, ws.from, ws.to, META));
  if (!transfer.result.ok) throw new Error(`transfer refused: ${transfer.result.reason}`);
  record("transferRecords: every customer and opportunity", transfer.result.counts.customers + transfer.result.counts.opportunities, transfer.ms);
  if (n === COUNTS[COUNTS.length - 1]) {
    for (const rows of IMPORT_ROWS) {
      const started = await startImport(ws.owner, csvOf(rows, `r${rows}`), { kind: "customers", fileName: `bench-${rows}.csv` }, META);
      if (!started.ok) throw new Error(`import refused: ${started.error}`);
      const run = await timed(() => started.run());
      const job = await getImportJob(ws.owner, started.jobId);
      if (job?.importedRows !== rows) throw new Error(`import of ${rows} rows imported ${job?.importedRows}`);
      record(`CSV import into a workspace of ${n}`, rows, run.ms);
    }
  }
}

console.log("\n| what | rows | time | per row |\n| --- | --- | --- | --- |");
for (const r of results) console.log(`| ${r.what} | ${r.rows.toLocaleString("en")} | ${(r.ms / 1000).toFixed(2)} s | ${((r.ms * 1000) / r.rows).toFixed(0)} µs |`);
await systemDb().$disconnect();
