// The large CRM workspace the benchmarks measure (npm run bench:crm, and the reports benchmark):
// 100,000 customers, 300,000 contacts, 200,000 opportunities (each with a stage change) and
// 1,000,000 activities, beside two small workspaces, generated in SQL (INSERT … SELECT
// generate_series) in a minute or two instead of hours of row-by-row inserts, then ANALYZEd.
//
//   import { ensureLargeWorkspace } from "./crm-data";
//   const large = await ensureLargeWorkspace();   // reuses the data when it is already there
//   large.admin / large.rep                       // MemberContexts for the DAL
//
// Needs DATABASE_URL (scripts/bench/run.mjs sets it). Distributions: owners skewed (a few reps own
// much more than others), statuses 50/35/15, tags on ~60 %, names built from shared words
// ("Pacific Harbor Trading 1234", "华兴 科技 有限公司 77") so a search term matches thousands of rows,
// searchText filled as the DAL fills it (name, website host, phone forms, contacts' names/emails).
import { performance } from "node:perf_hooks";
import pg from "pg";
import { createWorkspace } from "@/lib/dal/workspaces/create-workspace";
import { systemDb } from "@/lib/db/prisma";
import type { MemberContext } from "@/lib/dal/context";

export const LARGE_SLUG = "bench-crm-large";
export const SMALL_SLUGS = ["bench-crm-small-a", "bench-crm-small-b"] as const;

// A contact's fields from its number g (contact g belongs to customer 1 + (g - 1) / contactsPerCustomer).
// The customer INSERT builds its searchText from the same expressions, so no UPDATE … FROM of
// every customer is needed afterwards (on 100,000 rows that one statement took minutes).
const contactName = (g: string) =>
  `(ARRAY['John','Mary','Wei','Li','Anna','Peter','Yuki','Hans','Sophie','Carlos','Fatima','Olga','张','王','刘','陈'])[1 + ${g} % 16] || ' '
   || (ARRAY['Smith','Johnson','Zhang','Wang','Müller','Schmidt','Tanaka','Sato','Martin','Garcia','Brown','Lee'])[1 + (${g} / 16) % 12]`;
const contactEmail = (g: string, perCustomer: number) =>
  `lower((ARRAY['john','mary','wei','li','anna','peter','yuki','hans','sophie','carlos','fatima','olga','zhang','wang','liu','chen'])[1 + ${g} % 16]) || '.'
   || (ARRAY['smith','johnson','zhang','wang','mueller','schmidt','tanaka','sato','martin','garcia','brown','lee'])[1 + (${g} / 16) % 12] || ${g} || '@company' || (1 + (${g} - 1) / ${perCustomer}) || '.example'`;
const contactPhone = (g: string) => `'+1212' || lpad((${g} % 10000000)::text, 7, '0')`;
const contactSearchText = (g: string, perCustomer: number) =>
  `lower(${contactName(g)}) || ' | ' || ${contactEmail(g, perCustomer)} || ' | ' || ${contactPhone(g)} || ' | ' || substr(${contactPhone(g)}, 2)`;

export type Counts = { customers: number; contactsPerCustomer: number; opportunities: number; activities: number; reps: number };
export const LARGE_COUNTS: Counts = { customers: 100_000, contactsPerCustomer: 3, opportunities: 200_000, activities: 1_000_000, reps: 20 };
const SMALL_COUNTS: Counts = { customers: 1_000, contactsPerCustomer: 3, opportunities: 2_000, activities: 10_000, reps: 3 };

export type BenchWorkspace = { tenantId: string; slug: string; admin: MemberContext; rep: MemberContext; counts: Counts };

const startedAt = performance.now();
const log = (message: string) => console.log(`[bench-data] ${((performance.now() - startedAt) / 1000).toFixed(1).padStart(7)} s  ${message}`);

export async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function contextFor(tenantId: string, userId: string): Promise<MemberContext> {
  const user = await systemDb().user.findFirstOrThrow({
    where: { tenantId, id: userId },
    select: { id: true, name: true, email: true, role: true, status: true, locale: true, employeeNumber: true, tenant: { select: { id: true, slug: true, name: true } } },
  });
  const { tenant, ...rest } = user;
  // The allowlist only matters to the request layer (currentSession), never to the DAL.
  return { tenant: { ...tenant, ipAllowlist: [] }, user: rest, role: rest.role, sessionId: `bench-${userId}`, restriction: null, pendingSteps: [], amr: ["pwd"], verifiedAt: new Date(), networkAllowed: true };
}

/** The rep who owns the most customers (the heaviest "own records only" case). */
async function busiestRep(tenantId: string): Promise<string> {
  const [row] = await systemDb().$queryRaw<{ ownerId: string }[]>`
    SELECT c."ownerId" FROM "Customer" c JOIN "User" u ON u."tenantId" = c."tenantId" AND u.id = c."ownerId"
    WHERE c."tenantId" = ${tenantId} AND u.role = 'SALES_REP' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`;
  return row.ownerId;
}

async function workspaceOf(slug: string, counts: Counts): Promise<BenchWorkspace | null> {
  const tenant = await systemDb().tenant.findUnique({ where: { slug }, select: { id: true } });
  if (!tenant) return null;
  const have = await systemDb().activity.count({ where: { tenantId: tenant.id } });
  if (have < counts.activities) return null;
  const admin = await systemDb().user.findFirstOrThrow({ where: { tenantId: tenant.id, role: "ADMIN" }, select: { id: true } });
  return { tenantId: tenant.id, slug, counts, admin: await contextFor(tenant.id, admin.id), rep: await contextFor(tenant.id, await busiestRep(tenant.id)) };
}

/** Creates (or recreates, when incomplete) one workspace with its data. */
async function generate(slug: string, counts: Counts, prefix: string): Promise<BenchWorkspace> {
  await systemDb().tenant.deleteMany({ where: { slug } });
  const created = await createWorkspace({ companyName: `Bench ${slug}`, slug, ownerName: "Bench Owner", email: `owner@${slug}.test`, password: "bench-harbour-lantern-97", locale: "en" });
  if (!created.ok) throw new Error(`could not create ${slug}`);
  const tenantId = created.tenant.id;
  await systemDb().tenant.update({ where: { id: tenantId }, data: { repsSeeOwnRecordsOnly: true } });
  const members = [
    { role: "ADMIN" as const, name: "Bench Admin" },
    ...Array.from({ length: 3 }, (_, i) => ({ role: "MANAGER" as const, name: `Manager ${i + 1}` })),
    ...Array.from({ length: counts.reps }, (_, i) => ({ role: "SALES_REP" as const, name: `Rep ${i + 1}` })),
  ];
  await systemDb().user.createMany({
    data: members.map((m, i) => ({ tenantId, role: m.role, name: m.name, email: `member${i}@${slug}.test`, passwordHash: "!bench-no-sign-in" })),
  });
  const started = performance.now();
  await withClient(async (db) => {
    await db.query("SET synchronous_commit = off");
    await db.query("SELECT setseed(0.4242)");
    const params = [tenantId, prefix];
    // Owners: managers, the admin and the owner own some; reps most, skewed (pow) so one rep owns a lot.
    await db.query(`CREATE TEMP TABLE bench_owner AS SELECT row_number() OVER (ORDER BY role, name) - 1 AS n, id, role FROM "User" WHERE "tenantId" = $1`, [tenantId]);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM bench_owner`);
    const ownerCount: number = rows[0].n;
    await db.query(`CREATE TEMP TABLE bench_stage AS SELECT row_number() OVER (ORDER BY position) - 1 AS n, id, probability, kind FROM "PipelineStage" WHERE "tenantId" = $1`, [tenantId]);

    log(`${slug}: customers`);
    await db.query(
      `INSERT INTO "Customer" (id, "tenantId", name, industry, size, website, phone, city, country, status, source, tags, "ownerId", "searchText", "createdAt", "updatedAt")
       SELECT $2 || 'c' || g, $1, v.name,
         (ARRAY['technology','manufacturing','retail','wholesale','finance','healthcare','education','logistics','construction','media'])[1 + g % 10],
         (ARRAY['1-10','11-50','51-200','201-1000','1001-5000','5000+'])[1 + (g / 7) % 6],
         'https://www.' || v.host, v.phone,
         (ARRAY['London','Berlin','Shanghai','Beijing','New York','Tokyo','Paris','Shenzhen','Austin','Munich'])[1 + (g / 3) % 10],
         (ARRAY['GB','DE','CN','CN','US','JP','FR','CN','US','DE'])[1 + (g / 3) % 10],
         (CASE WHEN r < 0.5 THEN 'ACTIVE' WHEN r < 0.85 THEN 'LEAD' ELSE 'INACTIVE' END)::"CustomerStatus",
         (ARRAY['website','referral','event','coldCall','advertising','partner','socialMedia','import'])[1 + (g / 11) % 8],
         CASE WHEN r2 < 0.4 THEN ARRAY[]::text[] WHEN r2 < 0.7 THEN ARRAY[(ARRAY['VIP','Enterprise','SMB','Partner','Renewal','Strategic','APAC','EMEA'])[1 + g % 8]]
              ELSE ARRAY[(ARRAY['VIP','Enterprise','SMB','Partner','Renewal','Strategic','APAC','EMEA'])[1 + g % 8], (ARRAY['VIP','Enterprise','SMB','Partner','Renewal','Strategic','APAC','EMEA'])[1 + (g / 8) % 8]] END,
         o.id,
         lower(v.name) || ' | ' || v.host || ' | ' || lower(v.phone) || ' | ' || substr(v.phone, 2)
           || coalesce((SELECT ' | ' || string_agg(${contactSearchText("k", counts.contactsPerCustomer)}, ' | ' ORDER BY k)
                        FROM generate_series((g - 1) * ${counts.contactsPerCustomer} + 1, g * ${counts.contactsPerCustomer}) k), ''),
         now() - (g % 1095) * interval '1 day' - (g % 86400) * interval '1 second',
         now() - (g % 200) * interval '1 day'
       FROM (SELECT g, random() AS r, random() AS r2, random() AS ro FROM generate_series(1, ${counts.customers}) g) s
       CROSS JOIN LATERAL (SELECT
         (ARRAY['Pacific','Atlantic','Northern','Golden','Silver','Global','United','Royal','Eastern','Western','Summit','Harbor','Pioneer','Evergreen','Blue','Red','Green','Metro','Prime','Apex','华兴','东方','长城','金桥','天成','恒通','新世纪','宏达','中科','远大'])[1 + s.g % 30]
           || ' ' || (ARRAY['Harbor','Trading','Systems','Foods','Logistics','Energy','Medical','Software','Capital','Motors','Textiles','Electric','Partners','Labs','Media','Retail','科技','贸易','物流','电子'])[1 + (s.g / 30) % 20]
           || ' ' || (ARRAY['Ltd','Inc','GmbH','LLC','Group','Co','有限公司','集团'])[1 + (s.g / 600) % 8]
           || ' ' || s.g AS name,
         'company' || s.g || '.example' AS host,
         '+1415' || lpad((s.g % 10000000)::text, 7, '0') AS phone) v
       JOIN bench_owner o ON o.n = CASE WHEN s.ro < 0.15 THEN floor(s.ro / 0.15 * 5)::int ELSE 5 + floor(power((s.ro - 0.15) / 0.85, 1.8) * ${ownerCount - 5})::int END`,
      params,
    );

    log(`${slug}: contacts`);
    await db.query(
      `INSERT INTO "Contact" (id, "tenantId", "customerId", name, title, email, phone, mobile, "preferredChannel", "searchText", "createdAt", "updatedAt")
       SELECT $2 || 't' || g, $1, $2 || 'c' || (1 + (g - 1) / ${counts.contactsPerCustomer}), ${contactName("g")},
         (ARRAY['CEO','CFO','Purchasing','IT Director','Operations','Sales','经理','总监'])[1 + g % 8],
         ${contactEmail("g", counts.contactsPerCustomer)}, ${contactPhone("g")}, NULL,
         (ARRAY['email','phone','sms','meeting',NULL])[1 + g % 5],
         ${contactSearchText("g", counts.contactsPerCustomer)},
         now() - (g % 1000) * interval '1 day', now() - (g % 100) * interval '1 day'
       FROM generate_series(1, ${counts.customers * counts.contactsPerCustomer}) g`,
      params,
    );
    log(`${slug}: opportunities`);
    await db.query(
      `INSERT INTO "Opportunity" (id, "tenantId", title, "customerId", "contactId", amount, currency, "stageId", probability, "expectedCloseDate", "ownerId", "lostReason", "closedAt", "lastActivityAt", "createdAt", "updatedAt")
       SELECT $2 || 'o' || g, $1, (ARRAY['Renewal','Expansion','Pilot','Hardware refresh','Support contract','Licenses','Consulting','Integration'])[1 + g % 8] || ' ' || g,
         c.id, $2 || 't' || ((ci - 1) * ${counts.contactsPerCustomer} + 1),
         CASE WHEN g % 3 = 2 THEN (1 + g % 300) * 100000 ELSE (1 + g % 5000) * 100 END,
         (ARRAY['USD','EUR','JPY'])[1 + g % 3],
         st.id, st.probability,
         CASE WHEN g % 10 = 0 THEN NULL ELSE (current_date + ((g % 540) - 360)) END,
         CASE WHEN g % 5 = 0 THEN o.id ELSE c."ownerId" END,
         CASE WHEN st.kind = 'LOST' THEN 'Price' END,
         CASE WHEN st.kind <> 'OPEN' THEN now() - (g % 365) * interval '1 day' END,
         now() - (g % 120) * interval '1 day', now() - (g % 700) * interval '1 day', now() - (g % 60) * interval '1 day'
       FROM generate_series(1, ${counts.opportunities}) g
       CROSS JOIN LATERAL (SELECT 1 + ((g::bigint * 7919) % ${counts.customers}) AS ci) k
       JOIN "Customer" c ON c."tenantId" = $1 AND c.id = $2 || 'c' || k.ci
       JOIN bench_stage st ON st.n = g % 6
       JOIN bench_owner o ON o.n = g % ${ownerCount}`,
      params,
    );
    await db.query(
      `INSERT INTO "OpportunityStageChange" (id, "tenantId", "opportunityId", "fromStageId", "toStageId", "changedById", "changedAt")
       SELECT $2 || 's' || o.id, $1, o.id, NULL, o."stageId", o."ownerId", o."createdAt" FROM "Opportunity" o WHERE o."tenantId" = $1`,
      params,
    );

    log(`${slug}: activities`);
    await db.query(
      `INSERT INTO "Activity" (id, "tenantId", type, subject, "occurredAt", "durationMinutes", outcome, "customerId", "contactId", "opportunityId", "ownerId", "createdAt", "updatedAt")
       SELECT $2 || 'a' || g, $1, (ARRAY['CALL','EMAIL','MEETING','NOTE'])[1 + g % 4]::"ActivityType",
         (ARRAY['Discovery call','Sent proposal','Quarterly review','Budget note','Follow-up','Demo','Pricing questions','Contract review'])[1 + g % 8],
         now() - (g % 730) * interval '1 day' - (g % 86400) * interval '1 second',
         CASE WHEN g % 4 IN (0, 2) THEN 5 + g % 60 END,
         (ARRAY['connected','no-answer','positive','negative',NULL])[1 + g % 5],
         c.id,
         CASE WHEN g % 3 = 0 THEN NULL ELSE $2 || 't' || ((k.ci - 1) * ${counts.contactsPerCustomer} + 1 + g % ${counts.contactsPerCustomer}) END,
         CASE WHEN g % 2 = 0 THEN NULL ELSE (SELECT op.id FROM "Opportunity" op WHERE op."tenantId" = $1 AND op."customerId" = c.id LIMIT 1) END,
         c."ownerId", now(), now()
       FROM generate_series(1, ${counts.activities}) g
       CROSS JOIN LATERAL (SELECT 1 + ((g::bigint * 104729) % ${counts.customers}) AS ci) k
       JOIN "Customer" c ON c."tenantId" = $1 AND c.id = $2 || 'c' || k.ci`,
      params,
    );
    await db.query(`ANALYZE "Customer"; ANALYZE "Contact"; ANALYZE "Opportunity"; ANALYZE "OpportunityStageChange"; ANALYZE "Activity"; ANALYZE "User";`);
  });
  log(`${slug}: generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  const ws = await workspaceOf(slug, counts);
  if (!ws) throw new Error(`${slug} is incomplete after generation`);
  return ws;
}

/** The large workspace (generated on first use, reused afterwards) and the two small ones. */
export async function ensureLargeWorkspace(): Promise<BenchWorkspace> {
  for (const [index, slug] of SMALL_SLUGS.entries()) {
    if (!(await workspaceOf(slug, SMALL_COUNTS))) await generate(slug, SMALL_COUNTS, `bs${index}`);
  }
  return (await workspaceOf(LARGE_SLUG, LARGE_COUNTS)) ?? (await generate(LARGE_SLUG, LARGE_COUNTS, "bl"));
}
