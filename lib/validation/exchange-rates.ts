import { z } from "zod";
import { isCurrency, parseRate } from "@/lib/money";
import { currencyField, dateOnlyField } from "./opportunity";

// The reporting currency and the exchange rates an admin keeps (CRM settings), shared by the form
// and its action. The form names each currency's fields `rate_<CODE>` and `rateDate_<CODE>`, so
// Object.fromEntries(formData) carries them; an empty rate removes that currency's rate.

export type ExchangeRateEntry = { currency: string; rate: string | null; rateDate: Date | null };

export const exchangeRatesSchema = z
  .looseObject({ reportingCurrency: currencyField })
  .transform((input, ctx) => {
    const rates: ExchangeRateEntry[] = [];
    for (const [key, value] of Object.entries(input)) {
      const match = /^rate_([A-Z]{3})$/.exec(key);
      if (!match) continue;
      const currency = match[1]!;
      if (!isCurrency(currency) || currency === input.reportingCurrency) continue;
      const text = typeof value === "string" ? value.trim() : "";
      const dateKey = `rateDate_${currency}`;
      if (text === "") {
        rates.push({ currency, rate: null, rateDate: null });
        continue;
      }
      const rate = parseRate(text);
      if (!rate) ctx.addIssue({ code: "custom", path: [key], message: "exchangeRateInvalid" });
      const date = dateOnlyField.safeParse(input[dateKey] ?? "");
      if (!date.success || !date.data) ctx.addIssue({ code: "custom", path: [dateKey], message: "exchangeRateDateInvalid" });
      if (rate && date.success && date.data) rates.push({ currency, rate, rateDate: date.data });
    }
    return { reportingCurrency: input.reportingCurrency as string, rates };
  });

export type ExchangeRatesInput = z.input<typeof exchangeRatesSchema>;
