import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { defaultStages } from "@/lib/dal/pipeline/default-stages";
import { contactSearchText, customerSearchText } from "@/lib/dal/customers/search-text";
import type { ActivityType, CustomerStatus } from "@/lib/generated/prisma/enums";
import { DEMO_SLUG } from "./demo-workspace";

// CRM data for the demo workspace, so a fresh clone shows a lived-in CRM: ~60 customers (some with
// Chinese names), their contacts, ~80 opportunities in every stage in USD, EUR and JPY, the stage
// history, ~400 activities over the last year and tasks (overdue, today, upcoming, done).
// Deterministic: the same PRNG seed gives the same records; dates are relative to the day it runs.
// Written straight to the database (one transaction, bulk inserts), not through the DAL: the DAL
// would schedule reminder emails for tasks that are overdue the moment they are created.

const DAY = 86_400_000;

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}

type Company = { name: string; country: "US" | "GB" | "DE" | "FR" | "CN" | "JP"; city: string; domain: string };

const COMPANIES: Company[] = [
  { name: "Acme Robotics", country: "US", city: "San Francisco", domain: "acme-robotics.example" },
  { name: "Blue Harbor Logistics", country: "US", city: "Seattle", domain: "blueharbor.example" },
  { name: "Cedar & Pine Furniture", country: "US", city: "Portland", domain: "cedarpine.example" },
  { name: "Delta Health Partners", country: "US", city: "Boston", domain: "deltahealth.example" },
  { name: "Evergreen Schools Network", country: "US", city: "Denver", domain: "evergreen-schools.example" },
  { name: "Fairway Financial", country: "US", city: "New York", domain: "fairwayfin.example" },
  { name: "Granite Peak Construction", country: "US", city: "Salt Lake City", domain: "granitepeak.example" },
  { name: "Harbor Light Hotels", country: "US", city: "Miami", domain: "harborlight.example" },
  { name: "Ironwood Energy", country: "US", city: "Houston", domain: "ironwood-energy.example" },
  { name: "Juniper Media Group", country: "US", city: "Los Angeles", domain: "junipermedia.example" },
  { name: "Keystone Retail", country: "US", city: "Chicago", domain: "keystoneretail.example" },
  { name: "Lakeside Farms Co-op", country: "US", city: "Madison", domain: "lakesidefarms.example" },
  { name: "Meridian Consulting", country: "US", city: "Washington", domain: "meridian-consult.example" },
  { name: "Northwind Components", country: "US", city: "Detroit", domain: "northwind-components.example" },
  { name: "Orchard Software", country: "US", city: "Austin", domain: "orchardsoft.example" },
  { name: "Pioneer Wholesale", country: "US", city: "Atlanta", domain: "pioneerwholesale.example" },
  { name: "Thames Valley Analytics", country: "GB", city: "Reading", domain: "thamesvalley.example" },
  { name: "Kingsbridge Insurance", country: "GB", city: "London", domain: "kingsbridge.example" },
  { name: "Highland Distillers Supply", country: "GB", city: "Edinburgh", domain: "highland-supply.example" },
  { name: "Mersey Freight", country: "GB", city: "Liverpool", domain: "merseyfreight.example" },
  { name: "Oxford Learning Trust", country: "GB", city: "Oxford", domain: "oxfordlearning.example" },
  { name: "Rhein Maschinenbau GmbH", country: "DE", city: "Köln", domain: "rhein-maschinen.example" },
  { name: "Bayern Solar AG", country: "DE", city: "München", domain: "bayernsolar.example" },
  { name: "Hansa Handel KG", country: "DE", city: "Hamburg", domain: "hansahandel.example" },
  { name: "Berliner Medienhaus", country: "DE", city: "Berlin", domain: "medienhaus-berlin.example" },
  { name: "Schwarzwald Präzision", country: "DE", city: "Freiburg", domain: "sw-praezision.example" },
  { name: "Lumière Cosmétiques", country: "FR", city: "Paris", domain: "lumiere-cosmetiques.example" },
  { name: "Provence Agro", country: "FR", city: "Marseille", domain: "provence-agro.example" },
  { name: "Atelier Numérique", country: "FR", city: "Lyon", domain: "atelier-numerique.example" },
  { name: "Banque du Littoral", country: "FR", city: "Nantes", domain: "banquelittoral.example" },
  { name: "华辰科技有限公司", country: "CN", city: "北京", domain: "huachen-tech.example" },
  { name: "上海明远贸易有限公司", country: "CN", city: "上海", domain: "mingyuan-trade.example" },
  { name: "深圳智联电子", country: "CN", city: "深圳", domain: "zhilian-elec.example" },
  { name: "杭州云帆软件", country: "CN", city: "杭州", domain: "yunfan-soft.example" },
  { name: "广州南方物流集团", country: "CN", city: "广州", domain: "nanfang-logistics.example" },
  { name: "成都天府医疗器械", country: "CN", city: "成都", domain: "tianfu-medical.example" },
  { name: "苏州精工制造", country: "CN", city: "苏州", domain: "jinggong-mfg.example" },
  { name: "南京金陵教育集团", country: "CN", city: "南京", domain: "jinling-edu.example" },
  { name: "武汉长江能源", country: "CN", city: "武汉", domain: "changjiang-energy.example" },
  { name: "青岛海润食品", country: "CN", city: "青岛", domain: "hairun-food.example" },
  { name: "厦门鹭岛酒店管理", country: "CN", city: "厦门", domain: "ludao-hotels.example" },
  { name: "北京京华传媒", country: "CN", city: "北京", domain: "jinghua-media.example" },
  { name: "Sakura Precision K.K.", country: "JP", city: "Osaka", domain: "sakura-precision.example" },
  { name: "Tokyo Digital Works", country: "JP", city: "Tokyo", domain: "tokyodigital.example" },
  { name: "Fuji Logistics", country: "JP", city: "Yokohama", domain: "fuji-logistics.example" },
  { name: "Kyoto Tea Traders", country: "JP", city: "Kyoto", domain: "kyototea.example" },
  { name: "Nagoya Auto Parts", country: "JP", city: "Nagoya", domain: "nagoya-auto.example" },
  { name: "Quantum Labs", country: "US", city: "San Jose", domain: "quantumlabs.example" },
  { name: "Redwood Realty", country: "US", city: "Sacramento", domain: "redwoodrealty.example" },
  { name: "Summit Outdoor Gear", country: "US", city: "Boulder", domain: "summitgear.example" },
  { name: "Tidewater Shipping", country: "US", city: "Norfolk", domain: "tidewater.example" },
  { name: "Union Medical Supply", country: "US", city: "Philadelphia", domain: "unionmedical.example" },
  { name: "Vantage Point Advisors", country: "US", city: "Charlotte", domain: "vantagepoint.example" },
  { name: "Willow Creek Foods", country: "US", city: "Minneapolis", domain: "willowcreek.example" },
  { name: "Xenon Lighting", country: "US", city: "Phoenix", domain: "xenonlighting.example" },
  { name: "Yellowstone Outfitters", country: "US", city: "Bozeman", domain: "yellowstone-out.example" },
  { name: "Zenith Aerospace", country: "US", city: "Wichita", domain: "zenith-aero.example" },
  { name: "Open Hands Foundation", country: "GB", city: "Manchester", domain: "openhands.example" },
  { name: "City of Riverton", country: "US", city: "Riverton", domain: "riverton.example" },
  { name: "Atlas Data Centers", country: "DE", city: "Frankfurt", domain: "atlas-dc.example" },
];

const INDUSTRY_OF: Record<string, string> = {
  Robotics: "manufacturing",
  Logistics: "logistics",
  Freight: "logistics",
  Shipping: "logistics",
  物流: "logistics",
  Health: "healthcare",
  Medical: "healthcare",
  医疗: "healthcare",
  School: "education",
  Learning: "education",
  教育: "education",
  Financial: "finance",
  Insurance: "finance",
  Banque: "finance",
  Construction: "construction",
  Hotel: "hospitality",
  酒店: "hospitality",
  Energy: "energy",
  Solar: "energy",
  能源: "energy",
  Media: "media",
  Medien: "media",
  传媒: "media",
  Retail: "retail",
  Farms: "agriculture",
  Agro: "agriculture",
  Consulting: "professionalServices",
  Advisors: "professionalServices",
  Software: "technology",
  Digital: "technology",
  Numérique: "technology",
  Analytics: "technology",
  Labs: "technology",
  Data: "technology",
  科技: "technology",
  软件: "technology",
  电子: "technology",
  Wholesale: "wholesale",
  Handel: "wholesale",
  贸易: "wholesale",
  Traders: "wholesale",
  Realty: "realEstate",
  Foundation: "nonprofit",
  City: "government",
  食品: "manufacturing",
  Foods: "manufacturing",
};

const FIRST = ["Emma", "Liam", "Sophia", "Noah", "Olivia", "Lucas", "Mia", "Ethan", "Ava", "Mason", "Chloé", "Jonas", "Lena", "Hannah", "Yuki", "Haruto", "Sakura", "Ren"];
const LAST = ["Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Martin", "Bernard", "Müller", "Schmidt", "Weber", "Tanaka", "Suzuki", "Sato", "Wilson", "Clarke"];
const ZH_NAMES = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵丽", "黄强", "周婷", "吴刚", "徐芳", "孙浩"];
const TITLES = ["CEO", "CFO", "Head of Procurement", "Operations Manager", "IT Director", "Purchasing Lead", "VP Sales", "Office Manager", "CTO"];
const ZH_TITLES = ["总经理", "采购经理", "财务总监", "技术总监", "运营经理", "销售副总裁"];
const TAGS = ["VIP", "Enterprise", "SMB", "Partner", "Renewal", "Strategic", "Key account", "重点客户"];
const SOURCES = ["website", "referral", "event", "coldCall", "advertising", "partner", "socialMedia"];
const SIZES = ["1-10", "11-50", "51-200", "201-1000", "1001-5000", "5000+"];
const OPPORTUNITY_THEMES = ["CRM rollout", "Annual renewal", "Hardware refresh", "Support contract", "Pilot project", "Expansion", "Training package", "Integration", "Consulting retainer", "License upgrade"];
const LOST_REASONS = ["Price too high", "Chose a competitor", "No budget this year", "Project cancelled"];
const CURRENCIES = ["USD", "EUR", "JPY"] as const;

// The first digits of each country's numbers; four more make a complete, valid number (checked by
// seed-crm.test.ts with libphonenumber): an office line in the capital, and a mobile.
const OFFICE_PREFIX: Record<Company["country"], string> = { US: "+1415555", GB: "+44207946", DE: "+4930901", FR: "+3314220", CN: "+86106552", JP: "+8135550" };
const MOBILE_PREFIX: Record<Company["country"], string> = { US: "+1415555", GB: "+44774000", DE: "+491512345", FR: "+3361234", CN: "+861380013", JP: "+81901234" };

/** Demo rates, 1 unit of each currency in the reporting currency (rounded figures of late 2026). */
const DEMO_RATES: Record<string, Record<string, string>> = {
  USD: { EUR: "1.08", JPY: "0.0067" },
};

/** Seeds the demo workspace's CRM data unless it already has customers. Returns whether it did. */
export async function seedDemoCrm(now = new Date()): Promise<boolean> {
  const db = systemDb();
  const tenant = await db.tenant.findUnique({ where: { slug: DEMO_SLUG }, select: { id: true } });
  if (!tenant) return false;
  if ((await db.customer.count({ where: { tenantId: tenant.id } })) > 0) return false;
  const tenantId = tenant.id;
  const users = await db.user.findMany({ where: { tenantId }, select: { id: true, email: true, role: true, name: true } });
  const byRole = (role: string) => users.find((u) => u.role === role)!;
  const rep = byRole("SALES_REP");
  const manager = byRole("MANAGER");
  const owner = byRole("OWNER");
  const admin = byRole("ADMIN");
  // Reps and managers own most records; the rep's share makes "own records only" visible.
  const owners = [rep, rep, rep, manager, manager, owner, admin];
  const rand = prng(20261129);
  const at = (daysFromNow: number, hour = 10) => {
    const date = new Date(now.getTime() + daysFromNow * DAY);
    date.setUTCHours(hour, rand.int(0, 3) * 15, 0, 0);
    return date;
  };

  await db.$transaction(
    async (tx) => {
      let stages = await tx.pipelineStage.findMany({ where: { tenantId, archivedAt: null }, orderBy: { position: "asc" } });
      if (stages.length === 0) {
        await tx.pipelineStage.createMany({ data: defaultStages("en").map((stage) => ({ ...stage, tenantId })) });
        stages = await tx.pipelineStage.findMany({ where: { tenantId }, orderBy: { position: "asc" } });
      }

      // Customers and their contacts.
      const customerRows = COMPANIES.map((company, index) => {
        const industry = Object.entries(INDUSTRY_OF).find(([word]) => company.name.includes(word))?.[1] ?? rand.pick(["technology", "manufacturing", "retail"]);
        const status: CustomerStatus = index % 7 === 0 ? "INACTIVE" : index % 3 === 0 ? "LEAD" : "ACTIVE";
        const ownerId = rand.pick(owners).id;
        const phone = `${OFFICE_PREFIX[company.country]}${String(1000 + index * 37).slice(-4)}`;
        const tags = TAGS.filter(() => rand.chance(0.18)).slice(0, 3);
        return {
          tenantId,
          name: company.name,
          industry,
          size: rand.pick(SIZES),
          website: `https://www.${company.domain}`,
          phone,
          city: company.city,
          country: company.country,
          status,
          source: rand.pick(SOURCES),
          tags,
          ownerId,
          notes: index % 5 === 0 ? "Met at the spring trade fair; prefers email before calls." : null,
          createdById: ownerId,
          createdAt: at(-rand.int(30, 420)),
        };
      });
      const customers = await tx.customer.createManyAndReturn({ data: customerRows, select: { id: true, name: true, ownerId: true, country: true, createdAt: true, website: true, phone: true, city: true } });
      customers.sort((a, b) => customerRows.findIndex((c) => c.name === a.name) - customerRows.findIndex((c) => c.name === b.name));

      const contactRows = customers.flatMap((customer, index) => {
        const company = COMPANIES[index];
        const count = rand.int(1, 3);
        return Array.from({ length: count }, (_, k) => {
          const chinese = company.country === "CN";
          const name = chinese ? rand.pick(ZH_NAMES) : `${rand.pick(FIRST)} ${rand.pick(LAST)}`;
          const local = chinese ? `contact${k + 1}` : name.toLowerCase().normalize("NFD").replace(/[^a-z ]/g, "").replace(" ", ".");
          return {
            tenantId,
            customerId: customer.id,
            name,
            title: chinese ? rand.pick(ZH_TITLES) : rand.pick(TITLES),
            email: `${local}@${company.domain}`,
            phone: k === 0 ? customer.phone : null,
            mobile: rand.chance(0.5) ? `${MOBILE_PREFIX[company.country]}${String(5000 + index * 11 + k).slice(-4)}` : null,
            preferredChannel: rand.pick(["email", "phone", "meeting", null]),
            createdById: customer.ownerId,
            createdAt: new Date(customer.createdAt.getTime() + k * DAY),
          };
        });
      });
      const contacts = await tx.contact.createManyAndReturn({
        data: contactRows.map((row) => ({ ...row, searchText: contactSearchText(row) })),
        select: { id: true, customerId: true, name: true, email: true, phone: true, mobile: true },
      });
      const contactsOf = new Map<string, typeof contacts>();
      for (const contact of contacts) contactsOf.set(contact.customerId, [...(contactsOf.get(contact.customerId) ?? []), contact]);
      for (const customer of customers) {
        await tx.customer.update({
          where: { tenantId_id: { tenantId, id: customer.id } },
          data: { searchText: customerSearchText(customer, contactsOf.get(customer.id) ?? []) },
        });
      }

      // Opportunities across every stage and currency, with their stage history.
      const open = stages.filter((s) => s.kind === "OPEN");
      const won = stages.find((s) => s.kind === "WON")!;
      const lost = stages.find((s) => s.kind === "LOST")!;
      const opportunityRows = Array.from({ length: 80 }, (_, index) => {
        const customer = customers[index % customers.length === index ? index : rand.int(0, customers.length - 1)];
        const roll = rand.next();
        const stage = roll < 0.2 ? won : roll < 0.32 ? lost : open[Math.min(open.length - 1, Math.floor(rand.next() * open.length))];
        const currency = customer.country === "JP" ? "JPY" : customer.country === "DE" || customer.country === "FR" ? "EUR" : rand.pick(CURRENCIES);
        const amount = currency === "JPY" ? rand.int(5, 300) * 100_000 : rand.int(20, 2500) * 100 + rand.pick([0, 0, 50, 99.5]);
        const createdAt = new Date(Math.max(customer.createdAt.getTime(), now.getTime() - 365 * DAY) + rand.int(0, 60) * DAY);
        const closed = stage.kind !== "OPEN";
        const expectedCloseDate = rand.chance(0.1) ? null : at(closed ? -rand.int(5, 360) : rand.int(-30, 180), 0);
        const closedAt = closed ? new Date(Math.min(now.getTime() - DAY, createdAt.getTime() + rand.int(20, 200) * DAY)) : null;
        const contact = contactsOf.get(customer.id)?.[0];
        return {
          tenantId,
          title: `${customer.name} – ${rand.pick(OPPORTUNITY_THEMES)}`,
          customerId: customer.id,
          contactId: contact?.id ?? null,
          amount,
          currency,
          stageId: stage.id,
          probability: stage.probability,
          expectedCloseDate: expectedCloseDate ? new Date(expectedCloseDate.toISOString().slice(0, 10)) : null,
          ownerId: rand.chance(0.8) ? customer.ownerId : rand.pick(owners).id,
          lostReason: stage.kind === "LOST" ? rand.pick(LOST_REASONS) : null,
          closedAt,
          lastActivityAt: createdAt,
          createdById: customer.ownerId,
          createdAt,
        };
      });
      const opportunities = await tx.opportunity.createManyAndReturn({
        data: opportunityRows,
        select: { id: true, customerId: true, contactId: true, stageId: true, ownerId: true, createdAt: true, closedAt: true },
      });
      const stageChanges = opportunities.flatMap((opportunity) => {
        const target = stages.find((s) => s.id === opportunity.stageId)!;
        const path = target.kind === "OPEN" ? open.filter((s) => s.position <= target.position) : [...open.slice(0, rand.int(1, open.length)), target];
        const end = (opportunity.closedAt ?? now).getTime();
        const step = (end - opportunity.createdAt.getTime()) / Math.max(1, path.length);
        return path.map((stage, i) => ({
          tenantId,
          opportunityId: opportunity.id,
          fromStageId: i === 0 ? null : path[i - 1].id,
          toStageId: stage.id,
          changedById: opportunity.ownerId,
          changedAt: new Date(opportunity.createdAt.getTime() + (i === 0 ? 0 : step * i)),
        }));
      });
      await tx.opportunityStageChange.createMany({ data: stageChanges });

      // ~400 activities over the last year.
      const types: ActivityType[] = ["CALL", "CALL", "EMAIL", "EMAIL", "MEETING", "NOTE"];
      const subjects: Record<ActivityType, string[]> = {
        CALL: ["Discovery call", "Follow-up call", "Pricing questions", "Check-in call", "Renewal call"],
        EMAIL: ["Sent proposal", "Sent pricing sheet", "Answered support question", "Shared case study", "Meeting recap"],
        MEETING: ["On-site demo", "Quarterly review", "Workshop with IT", "Contract negotiation", "Kick-off meeting"],
        NOTE: ["Budget approved for Q3", "Decision maker changed", "Prefers annual billing", "Competitor also bidding"],
      };
      const outcomes: Record<ActivityType, (string | null)[]> = {
        CALL: ["connected", "no-answer", "left-voicemail", "positive"],
        EMAIL: [null, "positive"],
        MEETING: ["positive", "negative", "positive"],
        NOTE: [null],
      };
      const activityRows = Array.from({ length: 400 }, () => {
        const opportunity = rand.chance(0.6) ? rand.pick(opportunities) : null;
        const customerId = opportunity?.customerId ?? rand.pick(customers).id;
        const customer = customers.find((c) => c.id === customerId)!;
        const type = rand.pick(types);
        const contact = rand.chance(0.7) ? rand.pick(contactsOf.get(customerId) ?? [null]) : null;
        return {
          tenantId,
          type,
          subject: rand.pick(subjects[type]),
          body: rand.chance(0.4) ? "Notes: next step agreed, owner to send a summary." : null,
          occurredAt: at(-rand.int(0, 364), rand.int(8, 17)),
          durationMinutes: type === "CALL" ? rand.int(5, 45) : type === "MEETING" ? rand.pick([30, 45, 60, 90]) : null,
          outcome: rand.pick(outcomes[type]),
          participants: type === "MEETING" && contact ? [contact.name] : [],
          customerId,
          contactId: contact?.id ?? null,
          opportunityId: opportunity?.id ?? null,
          ownerId: rand.chance(0.8) ? customer.ownerId : rand.pick(owners).id,
        };
      });
      await tx.activity.createMany({ data: activityRows.map((row) => ({ ...row, createdAt: row.occurredAt })) });
      // The stale-opportunity reminder reads lastActivityAt: keep it true to the history above.
      await tx.$executeRaw`
        UPDATE "Opportunity" o SET "lastActivityAt" = a.last
        FROM (SELECT "opportunityId", max("occurredAt") AS last FROM "Activity" WHERE "tenantId" = ${tenantId} AND "opportunityId" IS NOT NULL GROUP BY 1) a
        WHERE o."tenantId" = ${tenantId} AND o.id = a."opportunityId" AND a.last > o."lastActivityAt"`;

      // Tasks: overdue, today, upcoming and done, for the members who sell.
      const taskTitles = ["Send revised quote", "Call back about the contract", "Prepare demo", "Follow up on invoice", "Book quarterly review", "Check references", "跟进报价", "安排产品演示"];
      const assignees = [rep, rep, manager, owner, admin];
      const taskRows = Array.from({ length: 36 }, (_, index) => {
        const opportunity = rand.chance(0.6) ? rand.pick(opportunities) : null;
        const customerId = opportunity?.customerId ?? rand.pick(customers).id;
        const bucket = index % 6; // 0,1 overdue; 2 today; 3,4 upcoming; 5 done
        const dueAt =
          bucket <= 1 ? at(-rand.int(1, 10), rand.int(9, 17)) : bucket === 2 ? at(0, rand.int(9, 20)) : bucket === 5 ? at(-rand.int(1, 60), 11) : at(rand.int(1, 21), rand.int(9, 17));
        const assignee = index < 6 ? rep : rand.pick(assignees);
        return {
          tenantId,
          title: rand.pick(taskTitles),
          notes: rand.chance(0.3) ? "Agreed on the last call." : null,
          dueAt,
          assigneeId: assignee.id,
          createdById: assignee.id,
          customerId,
          opportunityId: opportunity?.id ?? null,
          completedAt: bucket === 5 ? dueAt : null,
          // Already past: no due-time email for demo tasks that were "sent" before the seed ran.
          notifiedAt: dueAt < now ? dueAt : null,
        };
      });
      await tx.task.createMany({ data: taskRows });

      // Every record's "created" history entry.
      const created = (entityType: string, rows: { id: string; ownerId?: string }[], actorId: string) =>
        rows.map((row) => ({ tenantId, entityType, entityId: row.id, action: "created", actorId: row.ownerId ?? actorId, changes: {} }));
      await tx.recordChange.createMany({
        data: [...created("customer", customers, owner.id), ...created("contact", contacts, owner.id), ...created("opportunity", opportunities, owner.id)],
      });

      // Rates into the workspace's reporting currency for the demo's euros and yen, as an admin
      // keeps them on the CRM settings page: without them the board's column totals add only the
      // dollars and warn "amounts in EUR have no rate" on a visitor's first look.
      const tenantRow = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { reportingCurrency: true, defaultCurrency: true } });
      const reportingCurrency = tenantRow.reportingCurrency ?? tenantRow.defaultCurrency;
      const rateDate = new Date(now);
      rateDate.setUTCHours(0, 0, 0, 0);
      await tx.exchangeRate.createMany({
        data: Object.entries(DEMO_RATES[reportingCurrency] ?? {}).map(([currency, rate]) => ({ tenantId, baseCurrency: reportingCurrency, currency, rate, rateDate })),
      });

      // One finished CSV import, as a workspace that brought its lead list in would have: the
      // import page lists it and its page (with the refused rows to download) has a real job to show.
      await tx.importJob.create({
        data: {
          tenantId,
          createdById: manager.id,
          kind: "customers",
          fileName: "trade-fair-leads.csv",
          status: "done",
          totalRows: 14,
          processedRows: 14,
          importedRows: 12,
          failedRows: 2,
          errorReport: [
            "Name,Website,Status,Line,Error",
            ",https://www.no-name.example,Lead,6,Name: Enter a name.",
            "Quayside Ventures,not a website,Lead,11,Website: Enter a web address such as https://example.com.",
          ].join("\n"),
          createdAt: new Date(now.getTime() - 45 * DAY),
          finishedAt: new Date(now.getTime() - 45 * DAY + 4_000),
        },
      });
    },
    { timeout: 60_000 },
  );
  return true;
}
