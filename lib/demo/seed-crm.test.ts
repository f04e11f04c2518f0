// The demo workspace's CRM data: what a first visitor sees must be there, in every stage, currency
// and task bucket, and seeding twice must not double it.
import { describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { ensureDemoWorkspace } from "./demo-workspace";
import { seedDemoCrm } from "./seed-crm";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

describe("seedDemoCrm", () => {
  it("fills the demo workspace once, with data for every screen", { timeout: 120_000 }, async () => {
    await ensureDemoWorkspace();
    const now = new Date();
    expect(await seedDemoCrm(now)).toBe(true);
    expect(await seedDemoCrm(now)).toBe(false);
    const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { slug: "demo" } });
    const where = { tenantId: tenant.id };
    const db = systemDb();
    expect(await db.customer.count({ where })).toBe(60);
    expect(await db.contact.count({ where })).toBeGreaterThanOrEqual(60);
    expect(await db.opportunity.count({ where })).toBe(80);
    expect(await db.activity.count({ where })).toBe(400);
    const statuses = await db.customer.groupBy({ by: ["status"], where, _count: true });
    expect(statuses.map((s) => s.status).sort()).toEqual(["ACTIVE", "INACTIVE", "LEAD"]);
    expect(await db.customer.count({ where: { ...where, name: { contains: "科技" } } })).toBeGreaterThan(0);
    const stages = await db.opportunity.groupBy({ by: ["stageId"], where, _count: true });
    expect(stages).toHaveLength(6);
    const currencies = await db.opportunity.groupBy({ by: ["currency"], where, _count: true });
    expect(currencies.map((c) => c.currency).sort()).toEqual(["EUR", "JPY", "USD"]);
    // Every currency of the demo's deals converts into the reporting currency on the board.
    const rates = await db.exchangeRate.findMany({ where: { ...where, baseCurrency: "USD" }, orderBy: { currency: "asc" } });
    expect(rates.map((rate) => [rate.currency, rate.rate.toString()])).toEqual([["EUR", "1.08"], ["JPY", "0.0067"]]);
    expect(await db.opportunity.count({ where: { ...where, expectedCloseDate: null } })).toBeGreaterThan(0);
    expect(await db.opportunityStageChange.count({ where })).toBeGreaterThanOrEqual(80);
    const startOfToday = new Date(now);
    startOfToday.setUTCHours(0, 0, 0, 0);
    expect(await db.task.count({ where: { ...where, completedAt: null, dueAt: { lt: startOfToday } } })).toBeGreaterThan(0);
    expect(await db.task.count({ where: { ...where, completedAt: null, dueAt: { gte: startOfToday, lt: new Date(startOfToday.getTime() + 86_400_000) } } })).toBeGreaterThan(0);
    const owners = await db.customer.groupBy({ by: ["ownerId"], where, _count: true });
    expect(owners.length).toBeGreaterThanOrEqual(3);
    // searchText is filled, contacts included, so the list search finds a company by a contact's email.
    const withContactEmail = await db.customer.count({ where: { ...where, searchText: { contains: "@" } } });
    expect(withContactEmail).toBe(60);
    // A finished import, so the import page lists one and its job page has something to show.
    const imports = await db.importJob.findMany({ where, select: { status: true, failedRows: true, errorReport: true } });
    expect(imports).toEqual([{ status: "done", failedRows: 2, errorReport: expect.stringContaining("Line,Error") }]);
    // Every number is one a person could dial ("+33 1422036" was one digit short of any French number).
    const phones = [
      ...(await db.customer.findMany({ where, select: { phone: true } })).map((row) => row.phone),
      ...(await db.contact.findMany({ where, select: { phone: true, mobile: true } })).flatMap((row) => [row.phone, row.mobile]),
    ].filter((phone): phone is string => phone !== null);
    expect(phones.length).toBeGreaterThan(60);
    expect(phones.filter((phone) => !parsePhoneNumberFromString(phone)?.isValid())).toEqual([]);
  });
});
