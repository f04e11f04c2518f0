import type { FormState } from "./form-state";

// What the customer and contact forms get back beyond the usual form state: probable duplicates to
// confirm, or the news that someone else saved the record since it was opened.

export type DuplicateReason = "name" | "similarName" | "website" | "emailDomain" | "phone" | "email";

export type DuplicateView = { kind: "customer" | "contact"; id: string; customerId: string; name: string; reasons: DuplicateReason[] };

export type CrmFormState = FormState & {
  duplicates?: DuplicateView[];
  conflict?: { changedBy: string | null; changedAt: string };
  /** Where the saved record lives (after a create the form moves there). */
  savedId?: string;
};
