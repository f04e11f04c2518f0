import "server-only";
import { recordAuditEvent } from "@/lib/auth/audit";
import { systemDb } from "@/lib/db/prisma";
import { fieldErrorsFrom } from "@/lib/forms/form-state";
import { addAmounts, convertAmount } from "@/lib/money";
import { exchangeRatesSchema, type ExchangeRatesInput } from "@/lib/validation/exchange-rates";
import { authorize, type MemberContext, type RequestMeta } from "../context";

// The workspace's reporting currency and the exchange rates an admin keeps into it, and the
// conversion of the board's per-currency totals. A rate row is for the reporting currency it was
// entered against (ExchangeRate.baseCurrency): rows for another one are never used, so changing
// the reporting currency shows the amounts as unconverted instead of converting them wrongly.

export type ExchangeRateView = { currency: string; rate: string; rateDate: string };

/** The reporting currency: the workspace's own, else its default currency. Tenant columns go through systemDb, by the session's tenant id. */
export async function reportingCurrencyOf(ctx: MemberContext): Promise<string> {
  authorize(ctx, "records.read");
  const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { reportingCurrency: true, defaultCurrency: true } });
  return tenant.reportingCurrency ?? tenant.defaultCurrency;
}

/** The rates into `reportingCurrency`, by currency, with the date each was taken. */
export async function ratesInto(ctx: MemberContext, reportingCurrency: string): Promise<ExchangeRateView[]> {
  const db = authorize(ctx, "records.read");
  const rows = await db.exchangeRate.findMany({ where: { baseCurrency: reportingCurrency }, orderBy: { currency: "asc" }, select: { currency: true, rate: true, rateDate: true } });
  return rows.map((row) => ({ currency: row.currency, rate: trimDecimal(row.rate.toString()), rateDate: row.rateDate.toISOString().slice(0, 10) }));
}

function trimDecimal(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

export type ExchangeRateSettings = {
  reportingCurrency: string;
  rates: ExchangeRateView[];
  /** Every currency that needs a rate: those of live opportunities, and those with a rate kept, except the reporting currency. */
  currencies: string[];
};

/** For the settings page: what the admin keeps, and which currencies want a rate. */
export async function getExchangeRateSettings(ctx: MemberContext): Promise<ExchangeRateSettings> {
  const db = authorize(ctx, "crm.manageSettings");
  const reportingCurrency = await reportingCurrencyOf(ctx);
  const [rates, used] = await Promise.all([
    ratesInto(ctx, reportingCurrency),
    db.opportunity.groupBy({ by: ["currency"], where: { deletedAt: null } }),
  ]);
  const currencies = new Set([...used.map((row) => row.currency), ...rates.map((rate) => rate.currency)]);
  currencies.delete(reportingCurrency);
  return { reportingCurrency, rates, currencies: [...currencies].sort() };
}

export type SaveExchangeRatesResult = { ok: true; changed: boolean } | { ok: false; fieldErrors: Record<string, string[]> };

/**
 * Sets the reporting currency and the rates into it (an empty rate removes that currency's).
 * Every field is checked first and nothing is written on any error; a change is audited as
 * crm.settings_changed with what changed, each rate under its currency's code (the audit log
 * reads "EUR: — → 1.0825 (2026-12-01)" in either language).
 */
export async function saveExchangeRates(ctx: MemberContext, input: ExchangeRatesInput, meta: RequestMeta): Promise<SaveExchangeRatesResult> {
  const db = authorize(ctx, "crm.manageSettings");
  const parsed = exchangeRatesSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const beforeCurrency = await reportingCurrencyOf(ctx);
  const { reportingCurrency } = parsed.data;
  // Rates posted with a new reporting currency were typed as rates into the old one (the form
  // hides them when the currency changes, but a form posted without JavaScript still carries
  // them): the currency changes alone, and the rates into it are entered next.
  const rates = reportingCurrency === beforeCurrency ? parsed.data.rates : [];
  const before = new Map((await ratesInto(ctx, reportingCurrency)).map((rate) => [rate.currency, rate]));
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  if (beforeCurrency !== reportingCurrency) changes.reportingCurrency = { from: beforeCurrency, to: reportingCurrency };
  const describe = (rate: { rate: string; rateDate: string } | undefined) => (rate ? `${rate.rate} (${rate.rateDate})` : null);
  for (const entry of rates) {
    const was = describe(before.get(entry.currency));
    const now = entry.rate && entry.rateDate ? describe({ rate: entry.rate, rateDate: entry.rateDate.toISOString().slice(0, 10) }) : null;
    if (was !== now) changes[entry.currency] = { from: was, to: now };
  }
  if (Object.keys(changes).length === 0) return { ok: true, changed: false };
  if (changes.reportingCurrency) await systemDb().tenant.update({ where: { id: ctx.tenant.id }, data: { reportingCurrency } });
  await db.$transaction(async (tx) => {
    for (const entry of rates) {
      if (!changes[entry.currency]) continue;
      const where = { tenantId_baseCurrency_currency: { tenantId: ctx.tenant.id, baseCurrency: reportingCurrency, currency: entry.currency } };
      if (entry.rate && entry.rateDate) {
        const data = { rate: entry.rate, rateDate: entry.rateDate };
        await tx.exchangeRate.upsert({ where, create: { tenantId: ctx.tenant.id, baseCurrency: reportingCurrency, currency: entry.currency, ...data }, update: data });
      } else {
        await tx.exchangeRate.deleteMany({ where: { baseCurrency: reportingCurrency, currency: entry.currency } });
      }
    }
  });
  await recordAuditEvent({ tenantId: ctx.tenant.id, type: "crm.settings_changed", actorUserId: ctx.user.id, ip: meta.ip, userAgent: meta.userAgent, data: { changes } });
  return { ok: true, changed: true };
}

export type ReportingTotal = {
  currency: string;
  /** The sum of every amount that could be converted (those in the reporting currency as they are). */
  amount: string;
  /** The amounts in each original currency, with the rate used (null for the reporting currency itself). */
  parts: { currency: string; amount: string; count: number; rate: ExchangeRateView | null }[];
  /** Currencies with no rate: their amounts are not in `amount`. */
  missing: { currency: string; amount: string; count: number }[];
};

/** One column's per-currency totals in the reporting currency. */
export function toReportingTotal(sums: { currency: string; amount: string; count: number }[], reportingCurrency: string, rates: ExchangeRateView[]): ReportingTotal {
  const parts: ReportingTotal["parts"] = [];
  const missing: ReportingTotal["missing"] = [];
  const converted: string[] = [];
  for (const sum of sums) {
    if (sum.currency === reportingCurrency) {
      parts.push({ ...sum, rate: null });
      converted.push(sum.amount);
      continue;
    }
    const rate = rates.find((item) => item.currency === sum.currency);
    if (!rate) {
      missing.push(sum);
      continue;
    }
    parts.push({ ...sum, rate });
    converted.push(convertAmount(sum.amount, rate.rate));
  }
  return { currency: reportingCurrency, amount: addAmounts(converted), parts, missing };
}
