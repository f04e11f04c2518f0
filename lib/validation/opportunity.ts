import { z } from "zod";
import { isCurrency, parseAmount } from "@/lib/money";
import { issueMessage } from "./security-policy";
import { phoneCountryField } from "@/lib/phone-countries";

// Opportunity, pipeline-stage, activity and CRM-settings input: shared by the forms (checked in the
// browser for comfort), the server actions and the DAL (checked for real). Every schema accepts
// Object.fromEntries(formData) as well as typed values. Messages are keys under "errors.".

const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((value) => (value ? value : null));

const requiredId = (message: string) => z.string({ error: message }).trim().min(1, { error: message }).max(64, { error: message });

/** "YYYY-MM-DD" that is a real calendar date (no 2026-02-30); "" → null. */
export const dateOnlyField = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.toISOString().slice(0, 10) !== value || Number(match[1]) < 1900 || Number(match[1]) > 2200) {
      ctx.addIssue({ code: "custom", message: "dateInvalid" });
      return z.NEVER;
    }
    return date;
  });

/** "" → null (use the stage's default); otherwise an integer 0..100. */
export const probabilityField = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || (typeof value === "string" && value.trim() === "")) return null;
    const number = typeof value === "number" ? value : Number(value.trim());
    if (!Number.isInteger(number) || number < 0 || number > 100) {
      ctx.addIssue({ code: "custom", message: "probabilityInvalid" });
      return z.NEVER;
    }
    return number;
  });

export const currencyField = z
  .string({ error: "currencyInvalid" })
  .trim()
  .transform((value) => value.toUpperCase())
  .refine(isCurrency, { error: "currencyInvalid" });

const amountReasonKey = {
  invalid: "amountInvalid",
  negative: "amountNegative",
  "too-many-decimals": "amountTooManyDecimals",
  "too-large": "amountTooLarge",
} as const;

const opportunityFields = {
  title: z.string({ error: "opportunityTitleRequired" }).trim().min(1, { error: "opportunityTitleRequired" }).max(200, { error: "opportunityTitleTooLong" }),
  customerId: requiredId("opportunityCustomerRequired"),
  contactId: optionalId,
  amount: z.union([z.string(), z.number()]).optional(),
  currency: currencyField,
  stageId: requiredId("opportunityStageRequired"),
  probability: probabilityField,
  expectedCloseDate: dateOnlyField,
  ownerId: optionalId,
  lostReason: z
    .string()
    .trim()
    .max(500, { error: "lostReasonTooLong" })
    .optional()
    .transform((value) => (value ? value : null)),
};

function withAmount<T extends { amount?: string | number; currency: string }>(data: T, ctx: z.RefinementCtx) {
  const parsed = parseAmount(data.amount ?? "", data.currency);
  if (!parsed.ok) {
    const { currencyDecimals } = decimalsOf(data.currency);
    ctx.addIssue({ code: "custom", path: ["amount"], message: issueMessage(amountReasonKey[parsed.reason], { decimals: currencyDecimals }) });
    return z.NEVER;
  }
  return { ...data, amount: parsed.value };
}

function decimalsOf(currency: string) {
  try {
    return { currencyDecimals: new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2 };
  } catch {
    return { currencyDecimals: 2 };
  }
}

export const opportunityCreateSchema = z.object(opportunityFields).transform(withAmount);
export type OpportunityCreateInput = z.input<typeof opportunityCreateSchema>;
export type OpportunityCreate = z.output<typeof opportunityCreateSchema>;

/**
 * The new-opportunity form as posted: without JavaScript the customer comes as the text typed
 * (customerQuery) and the action resolves it to customerId before the DAL checks the whole.
 */
export const opportunityDraftSchema = z
  .object({ ...opportunityFields, customerId: optionalId, customerQuery: z.string().max(1000).optional() })
  .transform(withAmount);
export type OpportunityDraftInput = z.input<typeof opportunityDraftSchema>;

const versionField = z.coerce.number({ error: "versionInvalid" }).int({ error: "versionInvalid" }).min(1, { error: "versionInvalid" });

export const opportunityUpdateSchema = z
  .object({ ...opportunityFields, id: requiredId("notFound"), version: versionField })
  .transform(withAmount);
export type OpportunityUpdateInput = z.input<typeof opportunityUpdateSchema>;
export type OpportunityUpdate = z.output<typeof opportunityUpdateSchema>;

export const opportunityMoveSchema = z.object({
  id: requiredId("notFound"),
  stageId: requiredId("opportunityStageRequired"),
  version: versionField.optional(),
  lostReason: opportunityFields.lostReason,
});
export type OpportunityMoveInput = z.input<typeof opportunityMoveSchema>;

// ── Pipeline stages ───────────────────────────────────────────────────────────────────────────
export const stageNameField = z.string({ error: "stageNameRequired" }).trim().min(1, { error: "stageNameRequired" }).max(60, { error: "stageNameTooLong" });

const stageProbability = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const number = typeof value === "number" ? value : value.trim() === "" ? NaN : Number(value.trim());
    if (!Number.isInteger(number) || number < 0 || number > 100) {
      ctx.addIssue({ code: "custom", message: "probabilityInvalid" });
      return z.NEVER;
    }
    return number;
  });

export const stageCreateSchema = z.object({ name: stageNameField, probability: stageProbability });
export const stageUpdateSchema = z.object({ id: requiredId("notFound"), name: stageNameField, probability: stageProbability });
export const stageMoveSchema = z.object({ id: requiredId("notFound"), direction: z.enum(["up", "down"]) });
export const stageArchiveSchema = z.object({ id: requiredId("notFound") });

// ── Activities ────────────────────────────────────────────────────────────────────────────────
export const ACTIVITY_TYPES = ["CALL", "EMAIL", "MEETING", "NOTE"] as const;
export const ACTIVITY_OUTCOMES = ["connected", "no-answer", "left-voicemail", "positive", "neutral", "negative"] as const;

export const activitySchema = z.object({
  type: z.enum(ACTIVITY_TYPES, { error: "activityTypeInvalid" }),
  subject: z.string({ error: "activitySubjectRequired" }).trim().min(1, { error: "activitySubjectRequired" }).max(200, { error: "activitySubjectTooLong" }),
  /** A local "YYYY-MM-DDTHH:mm" (from datetime-local, read in the user's time zone) or an ISO instant. */
  occurredAt: z.string({ error: "activityWhenInvalid" }).trim().min(1, { error: "activityWhenInvalid" }),
  durationMinutes: z
    .union([z.string(), z.number()])
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || (typeof value === "string" && value.trim() === "")) return null;
      const number = typeof value === "number" ? value : Number(value.trim());
      if (!Number.isInteger(number) || number < 0 || number > 24 * 60) {
        ctx.addIssue({ code: "custom", message: issueMessage("activityDurationInvalid", { max: 24 * 60 }) });
        return z.NEVER;
      }
      return number;
    }),
  outcome: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || (ACTIVITY_OUTCOMES as readonly string[]).includes(value), { error: "activityOutcomeInvalid" }),
  /** Comma- or newline-separated names. */
  participants: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value, ctx) => {
      const list = (Array.isArray(value) ? value : (value ?? "").split(/[,\n，]/)).map((name) => name.trim()).filter(Boolean);
      if (list.length > 50 || list.some((name) => name.length > 100)) {
        ctx.addIssue({ code: "custom", message: "activityParticipantsInvalid" });
        return z.NEVER;
      }
      return list;
    }),
  body: z
    .string()
    .trim()
    .max(10_000, { error: "activityNotesTooLong" })
    .optional()
    .transform((value) => (value ? value : null)),
  customerId: requiredId("activityCustomerRequired"),
  contactId: optionalId,
  opportunityId: optionalId,
});
export type ActivityInput = z.input<typeof activitySchema>;
export type ActivityData = z.output<typeof activitySchema>;

/** An edit carries the activity's updatedAt as it was when the form opened (ISO instant): a newer one means someone else saved since. */
export const activityUpdateSchema = activitySchema.extend({
  id: requiredId("notFound"),
  updatedAt: z.iso.datetime({ error: "versionInvalid" }),
});
export type ActivityUpdateInput = z.input<typeof activityUpdateSchema>;

// ── CRM settings ─────────────────────────────────────────────────────────────────────────────
export const STALE_DAYS_MAX = 365;

export const crmSettingsSchema = z.object({
  // A checkbox: present ("on"/"true") means yes; absent means no.
  repsSeeOwnRecordsOnly: z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((value) => value === true || value === "on" || value === "true"),
  staleOpportunityDays: z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value.trim()) : value),
    z
      .number({ error: "settingsNumberInvalid" })
      .int({ error: "settingsNumberInvalid" })
      .min(0, { error: issueMessage("settingsNumberRange", { min: 0, max: STALE_DAYS_MAX }) })
      .max(STALE_DAYS_MAX, { error: issueMessage("settingsNumberRange", { min: 0, max: STALE_DAYS_MAX }) }),
  ),
  defaultCurrency: currencyField,
  // Absent leaves it as it is (callers from before the setting existed).
  defaultCountry: phoneCountryField.optional(),
});
export type CrmSettingsInput = z.input<typeof crmSettingsSchema>;
export type CrmSettings = z.output<typeof crmSettingsSchema>;
