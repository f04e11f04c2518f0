// Amounts and currencies, shared by forms (in the browser), server actions and the DAL. No
// database access, no node: imports. Amounts travel as decimal strings ("1234.5") so that no
// float ever rounds a figure; the database stores Decimal(18, 4).

/** ISO 4217 codes offered in forms: the common trading currencies, including 0- and 3-decimal ones. */
export const CURRENCIES = [
  "USD", "EUR", "GBP", "CNY", "JPY", "KRW", "HKD", "TWD", "SGD", "AUD", "NZD", "CAD", "CHF", "SEK", "NOK",
  "DKK", "PLN", "CZK", "HUF", "INR", "IDR", "MYR", "THB", "PHP", "VND", "BRL", "MXN", "ZAR", "AED", "SAR",
  "ILS", "TRY", "RUB", "KWD", "BHD", "OMR", "JOD", "TND",
] as const;

export type Currency = (typeof CURRENCIES)[number];

export function isCurrency(code: unknown): code is Currency {
  return typeof code === "string" && (CURRENCIES as readonly string[]).includes(code);
}

// Decimal(18, 4): 14 digits before the point.
const MAX_INTEGER_DIGITS = 14;

/** The currency's minor-unit digits (JPY 0, USD 2, KWD 3), as the platform's ICU data says. */
export function currencyDecimals(code: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export type ParsedAmount =
  | { ok: true; value: string }
  | { ok: false; reason: "invalid" | "negative" | "too-many-decimals" | "too-large" };

/**
 * Reads what a person typed: "1234.5", "1,234.50", " 1 234 " (grouping commas and spaces are
 * dropped; the decimal separator is "."). Empty means 0. Refuses a minus sign, more decimals than
 * the currency has, and anything that does not fit the column.
 */
export function parseAmount(input: unknown, currency: string): ParsedAmount {
  if (typeof input === "number") input = Number.isFinite(input) ? String(input) : "x";
  if (typeof input !== "string") return { ok: false, reason: "invalid" };
  const text = input.trim().replace(/[\s,\u00a0\u202f]/g, "");
  if (text === "") return { ok: true, value: "0" };
  if (/^[-\u2212]/.test(text)) {
    return /^[-\u2212]\d*\.?\d+$/.test(text) || /^[-\u2212]\d+\.?$/.test(text) ? { ok: false, reason: "negative" } : { ok: false, reason: "invalid" };
  }
  const match = /^\+?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === "" && (match[2] ?? "") === "")) return { ok: false, reason: "invalid" };
  const integer = match[1].replace(/^0+(?=\d)/, "") || "0";
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > currencyDecimals(currency)) return { ok: false, reason: "too-many-decimals" };
  if (integer.length > MAX_INTEGER_DIGITS) return { ok: false, reason: "too-large" };
  return { ok: true, value: fraction ? `${integer}.${fraction}` : integer };
}

/** "1234.5" in USD for "en" → "$1,234.50"; in JPY for "zh-CN" → "JP¥1,235". */
export function formatMoney(value: string | number | { toString(): string }, currency: string, locale: string): string {
  const text = typeof value === "string" ? value : String(value);
  const decimals = currencyDecimals(currency);
  try {
    // Intl accepts decimal strings exactly (no float rounding) in current engines.
    return new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(
      text as unknown as number,
    );
  } catch {
    return `${text} ${currency}`;
  }
}

/** Adds decimal strings exactly (used for per-currency column totals). */
export function addAmounts(values: readonly string[]): string {
  const SCALE = 4;
  let total = BigInt(0);
  for (const value of values) {
    const [integer, fraction = ""] = value.replace(/^\+/, "").split(".");
    const negative = integer.startsWith("-");
    const digits = BigInt((negative ? integer.slice(1) : integer) + fraction.padEnd(SCALE, "0").slice(0, SCALE));
    total += negative ? -digits : digits;
  }
  const negative = total < BigInt(0);
  const text = (negative ? -total : total).toString().padStart(SCALE + 1, "0");
  const integerPart = text.slice(0, -SCALE);
  const fractionPart = text.slice(-SCALE).replace(/0+$/, "");
  return `${negative ? "-" : ""}${integerPart}${fractionPart ? `.${fractionPart}` : ""}`;
}

/** "1.0825": a positive exchange rate with at most 10 decimals (Decimal(24, 10)), or null. */
export function parseRate(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const match = /^(\d{1,14})(?:\.(\d{1,10}))?$/.exec(input.trim().replace(/[\s,\u00a0\u202f]/g, ""));
  if (!match) return null;
  const integer = match[1].replace(/^0+(?=\d)/, "");
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (/^0*$/.test(integer + fraction)) return null;
  return fraction ? `${integer}.${fraction}` : integer;
}

/**
 * amount × rate, exactly, rounded half away from zero to four decimals (the amounts' scale): the
 * board's totals in the reporting currency. Decimal strings in and out, no float on the way.
 */
export function convertAmount(amount: string, rate: string): string {
  const toScaled = (value: string, scale: number) => {
    const [integer, fraction = ""] = value.replace(/^\+/, "").split(".");
    const negative = integer.startsWith("-");
    const digits = BigInt((negative ? integer.slice(1) : integer) + fraction.padEnd(scale, "0").slice(0, scale));
    return negative ? -digits : digits;
  };
  const product = toScaled(amount, 4) * toScaled(rate, 10);
  // product has 14 decimals; keep 4.
  const divisor = BigInt(10) ** BigInt(10);
  const negative = product < BigInt(0);
  const magnitude = negative ? -product : product;
  const rounded = (magnitude + divisor / BigInt(2)) / divisor;
  return addAmounts([`${negative ? "-" : ""}${rounded / BigInt(10000)}.${(rounded % BigInt(10000)).toString().padStart(4, "0")}`]);
}
