import { z } from "zod";
import { CSV_ENCODINGS } from "@/lib/csv/csv-parser";
import { CONTACT_IMPORT_FIELDS, CUSTOMER_IMPORT_FIELDS, IMPORT_KINDS } from "@/lib/imports/import-fields";

// What the browser sends with an uploaded file (JSON in the x-import-options header; the body is
// the file itself): which kind of records, how to read the file, and how to import it.

const field = z.enum([...new Set([...CUSTOMER_IMPORT_FIELDS, ...CONTACT_IMPORT_FIELDS])]);

export const importRequestSchema = z.object({
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string().trim().max(255).default("import.csv"),
  encoding: z.enum(CSV_ENCODINGS).optional(),
  /** Absent: guessed from the header (the first upload). */
  mapping: z.array(field.nullable()).max(500).optional(),
  ownerId: z.string().max(40).optional(),
  defaultCountry: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/)
    .optional(),
  createMissingCustomers: z.boolean().optional(),
  duplicates: z.enum(["skip", "import"]).optional(),
});

export type ImportRequest = z.infer<typeof importRequestSchema>;

/** The header's value, or null when it is missing or not valid. */
export function parseImportRequest(header: string | null): ImportRequest | null {
  if (!header) return null;
  try {
    const parsed = importRequestSchema.safeParse(JSON.parse(decodeURIComponent(header)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
