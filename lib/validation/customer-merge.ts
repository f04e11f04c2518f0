import { z } from "zod";

// The merge page's form: which record stays, which goes, the versions the member saw, and per
// field whose value the kept record takes ("keep" or "merge"). Tags are always the union.

export const MERGE_FIELDS = ["name", "industry", "size", "website", "phone", "addressLine", "city", "region", "postalCode", "country", "status", "source", "ownerId", "notes"] as const;

export type MergeField = (typeof MERGE_FIELDS)[number];
export type MergeChoice = "keep" | "merge";
export type MergeChoices = Partial<Record<MergeField, MergeChoice>>;

const id = z.string().trim().min(1).max(40);
const version = z.coerce.number().int().min(0).max(2_147_483_647);
const choice = z.enum(["keep", "merge"]).optional();

export const mergeCustomersSchema = z.object({
  keepId: id,
  keepVersion: version,
  mergeId: id,
  mergeVersion: version,
  ...Object.fromEntries(MERGE_FIELDS.map((field) => [`choice_${field}`, choice])),
}) as z.ZodType<{ keepId: string; keepVersion: number; mergeId: string; mergeVersion: number } & Partial<Record<`choice_${MergeField}`, MergeChoice>>>;

/** The per-field choices out of the parsed form. */
export function mergeChoices(input: Partial<Record<`choice_${MergeField}`, MergeChoice>>): MergeChoices {
  return Object.fromEntries(MERGE_FIELDS.flatMap((field) => (input[`choice_${field}`] ? [[field, input[`choice_${field}`]]] : []))) as MergeChoices;
}
