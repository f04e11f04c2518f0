import { z } from "zod";
import { idField, normalizedPhoneField, normalizePhones, NOTES_MAX, optionalText } from "./customer";
import { optionalPhoneCountry } from "@/lib/phone-countries";

// Contacts (people at a customer). Messages are keys under "errors." (messages/*/crm.json).

export const PREFERRED_CHANNELS = ["email", "phone", "sms", "meeting"] as const;
export type PreferredChannel = (typeof PREFERRED_CHANNELS)[number];

const optionalEmail = z.preprocess(
  (value) => (value === undefined || value === null ? "" : value),
  z
    .string()
    .trim()
    .max(254, { error: "emailTooLong" })
    .transform((value, ctx) => {
      if (!value) return null;
      if (!z.email().safeParse(value).success) {
        ctx.addIssue({ code: "custom", message: "emailInvalid" });
        return z.NEVER;
      }
      return value.toLowerCase();
    }),
);

export function makeContactInputSchema(options: { defaultCountry?: string } = {}) {
  return z.preprocess(
    (raw) => normalizePhones(raw, ["phone", "mobile"], options.defaultCountry, ["phoneCountry"]),
    z.object({
      customerId: idField,
      name: z
        .preprocess((value) => (value === undefined || value === null ? "" : value), z.string().trim().max(200, { error: "crmNameTooLong" }))
        .pipe(z.string().min(1, { error: "crmContactNameRequired" })),
      title: optionalText(200, "crmTitleTooLong"),
      email: optionalEmail,
      phone: normalizedPhoneField,
      mobile: normalizedPhoneField,
      phoneCountry: optionalPhoneCountry,
      preferredChannel: z.preprocess(
        (value) => (value === undefined || value === null ? "" : value),
        z
          .string()
          .refine((value) => value === "" || (PREFERRED_CHANNELS as readonly string[]).includes(value), { error: "crmChannelInvalid" })
          .transform((value) => (value === "" ? null : (value as PreferredChannel))),
      ),
      notes: optionalText(NOTES_MAX, "crmNotesTooLong"),
    }),
  );
}

export const contactInputSchema = makeContactInputSchema();
export type ContactInput = z.output<typeof contactInputSchema>;

export const CONTACT_FIELDS = ["name", "title", "email", "phone", "mobile", "preferredChannel", "notes", "customerId"] as const;
