// The board's column totals in the workspace's reporting currency: converted with the rates an
// admin keeps (exactly, no float), an amount in a currency without a rate left out and named, rates
// kept for an earlier reporting currency not used, another workspace's rates never used. And the
// "no activity for N days" figure on the cards.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { customerInputSchema } from "@/lib/validation/customer";
import { addMember, auditEvents, createWorkspace, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "../context";
import { createCustomer } from "../customers/write-customer";
import { createOpportunity } from "./write-opportunity";
import { listBoard } from "./list-opportunities";
import { getExchangeRateSettings, saveExchangeRates } from "./exchange-rates";

let ws: TestWorkspace;
let owner: MemberContext;
let rep: MemberContext;
let stages: { id: string; name: string }[];
let customerId: string;

async function customer(ctx: MemberContext, name: string) {
  const made = await createCustomer(ctx, customerInputSchema.parse({ name, ownerId: ctx.user.id }), { confirmDuplicate: true });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

async function opportunity(ctx: MemberContext, amount: string, currency: string, stage: number, title = `Deal ${amount} ${currency}`) {
  const made = await createOpportunity(ctx, { title, customerId, currency, amount, stageId: stages[stage]!.id });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

async function column(ctx: MemberContext, stage: number) {
  return (await listBoard(ctx, {})).find((item) => item.stage.id === stages[stage]!.id)!;
}

beforeAll(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  rep = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  stages = await systemDb().pipelineStage.findMany({ where: { tenantId: ws.tenant.id }, orderBy: { position: "asc" } });
  customerId = await customer(owner, "Harbour Lantern");
  await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { defaultCurrency: "USD" } });
  await opportunity(owner, "1000.50", "USD", 0);
  await opportunity(owner, "9600", "EUR", 0);
  await opportunity(owner, "7500000", "JPY", 0);
  await opportunity(owner, "250", "CHF", 0);
});

describe("the board's totals in the reporting currency", () => {
  it("adds only the reporting currency's amounts and names each currency without a rate", async () => {
    const first = await column(owner, 0);
    expect(first.reporting.currency).toBe("USD");
    expect(first.reporting.amount).toBe("1000.5");
    expect(first.reporting.missing).toEqual([
      { currency: "CHF", amount: "250", count: 1 },
      { currency: "EUR", amount: "9600", count: 1 },
      { currency: "JPY", amount: "7500000", count: 1 },
    ]);
  });

  it("converts with the rates an admin keeps, exactly, and shows the rate and its date beside each original", async () => {
    const saved = await saveExchangeRates(
      owner,
      { reportingCurrency: "USD", rate_EUR: "1.0825", rateDate_EUR: "2026-12-01", rate_JPY: "0.0066667", rateDate_JPY: "2026-12-02", rate_CHF: "", rateDate_CHF: "" },
      TEST_META,
    );
    expect(saved).toEqual({ ok: true, changed: true });
    const first = await column(owner, 0);
    // 1000.50 + 9600 × 1.0825 (10392) + 7,500,000 × 0.0066667 (50000.25) = 61392.75
    expect(first.reporting.amount).toBe("61392.75");
    expect(first.reporting.parts).toEqual([
      { currency: "EUR", amount: "9600", count: 1, rate: { currency: "EUR", rate: "1.0825", rateDate: "2026-12-01" } },
      { currency: "JPY", amount: "7500000", count: 1, rate: { currency: "JPY", rate: "0.0066667", rateDate: "2026-12-02" } },
      { currency: "USD", amount: "1000.5", count: 1, rate: null },
    ]);
    expect(first.reporting.missing).toEqual([{ currency: "CHF", amount: "250", count: 1 }]);
    // A Sales rep's board is converted with the same rates.
    const repOpportunity = await opportunity(rep, "100", "EUR", 1, "Rep's euro deal");
    expect(repOpportunity).toBeTruthy();
    expect((await column(rep, 1)).reporting.amount).toBe("108.25");
    const events = await auditEvents(ws.tenant.id, "crm.settings_changed");
    expect(events.at(-1)?.data).toEqual({ changes: { EUR: { from: null, to: "1.0825 (2026-12-01)" }, JPY: { from: null, to: "0.0066667 (2026-12-02)" } } });
  });

  it("refuses a bad rate or a rate without its date and changes nothing", async () => {
    const refused = await saveExchangeRates(owner, { reportingCurrency: "USD", rate_EUR: "-2", rateDate_EUR: "2026-12-03", rate_CHF: "0.9", rateDate_CHF: "" }, TEST_META);
    expect(refused).toEqual({ ok: false, fieldErrors: { rate_EUR: ["exchangeRateInvalid"], rateDate_CHF: ["exchangeRateDateInvalid"] } });
    expect((await column(owner, 0)).reporting.amount).toBe("61392.75");
    await expect(saveExchangeRates(rep, { reportingCurrency: "USD", rate_CHF: "5", rateDate_CHF: "2026-12-03" }, TEST_META)).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("does not use rates kept for an earlier reporting currency after it changes", async () => {
    // The dollar rates still in the form when the currency changes are not saved as rates into euros.
    expect((await saveExchangeRates(owner, { reportingCurrency: "EUR", rate_JPY: "0.0066667", rateDate_JPY: "2026-12-02" }, TEST_META)).ok).toBe(true);
    const first = await column(owner, 0);
    expect(first.reporting.currency).toBe("EUR");
    expect(first.reporting.amount).toBe("9600");
    expect(first.reporting.missing.map((item) => item.currency)).toEqual(["CHF", "JPY", "USD"]);
    const settings = await getExchangeRateSettings(owner);
    expect(settings).toEqual({ reportingCurrency: "EUR", rates: [], currencies: ["CHF", "JPY", "USD"] });
    // Back to dollars: the dollar rates apply again.
    expect((await saveExchangeRates(owner, { reportingCurrency: "USD" }, TEST_META)).ok).toBe(true);
    expect((await column(owner, 0)).reporting.amount).toBe("61392.75");
  });

  it("never converts with another workspace's rates", async () => {
    const other = await createWorkspace();
    const otherOwner = memberContext(other.owner, other.tenant);
    expect((await saveExchangeRates(otherOwner, { reportingCurrency: "USD", rate_CHF: "1000", rateDate_CHF: "2026-12-01" }, TEST_META)).ok).toBe(true);
    const first = await column(owner, 0);
    expect(first.reporting.amount).toBe("61392.75");
    expect(first.reporting.missing).toEqual([{ currency: "CHF", amount: "250", count: 1 }]);
    expect((await getExchangeRateSettings(owner)).rates.map((rate) => rate.currency)).toEqual(["EUR", "JPY"]);
    // Nor sees which currencies that workspace trades in.
    expect((await getExchangeRateSettings(otherOwner)).currencies).toEqual(["CHF"]);
  });
});

describe("no activity for N days on the cards", () => {
  it("counts whole days since the last activity on open stages, from the workspace's reminder threshold", async () => {
    const quiet = await opportunity(owner, "10", "USD", 1, "Quiet deal");
    const busy = await opportunity(owner, "20", "USD", 1, "Busy deal");
    const won = stages.length - 2;
    const closedQuiet = await opportunity(owner, "30", "USD", won, "Closed quiet deal");
    const day = 86_400_000;
    await systemDb().opportunity.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: quiet } }, data: { lastActivityAt: new Date(Date.now() - 20 * day - 3_600_000) } });
    await systemDb().opportunity.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: busy } }, data: { lastActivityAt: new Date(Date.now() - 13 * day) } });
    await systemDb().opportunity.update({ where: { tenantId_id: { tenantId: ws.tenant.id, id: closedQuiet } }, data: { lastActivityAt: new Date(Date.now() - 40 * day) } });
    const quietDays = async () =>
      Object.fromEntries(
        (await listBoard(owner, {})).flatMap((item) => item.cards).filter((card) => [quiet, busy, closedQuiet].includes(card.id)).map((card) => [card.title, card.quietDays]),
      );
    expect(stages[won]).toBeTruthy();
    expect(await systemDb().pipelineStage.findFirst({ where: { tenantId: ws.tenant.id, id: stages[won]!.id }, select: { kind: true } })).toEqual({ kind: "WON" });
    expect(await quietDays()).toEqual({ "Quiet deal": 20, "Busy deal": null, "Closed quiet deal": null });
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { staleOpportunityDays: 10 } });
    expect(await quietDays()).toEqual({ "Quiet deal": 20, "Busy deal": 13, "Closed quiet deal": null });
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { staleOpportunityDays: 0 } });
    expect(await quietDays()).toEqual({ "Quiet deal": null, "Busy deal": null, "Closed quiet deal": null });
  });
});
