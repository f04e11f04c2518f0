import "server-only";
import type { CsvDelimiter, CsvEncoding } from "@/lib/csv/csv-parser";
import { authorize, type MemberContext } from "../context";
import { guessMapping, importFields, mappingProblems, type ColumnMapping, type ImportKind, type MappingProblem } from "@/lib/imports/import-fields";
import type { ImportRequest } from "./import-request";
import { loadLookups, prepareRows, type ImportOptions, type PreparedRow, type RowProblem } from "./prepare-rows";
import { readImportFile, type ImportFile, type ImportFileProblem } from "./read-import-file";

// The mapping and preview steps: read the file, guess (or take) the column mapping, and validate
// every row exactly as the import will, so the user sees each problem before anything is written.

export const PREVIEW_ROWS = 10;
export const PROBLEM_ROWS_SHOWN = 100;

export type PreviewRow = { line: number; cells: string[]; errors: RowProblem[]; warnings: RowProblem[] };

export type ImportAnalysis = {
  ok: true;
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  header: string[];
  mapping: ColumnMapping;
  mappingProblems: MappingProblem[];
  totalRows: number;
  /** The first rows as they will be read (empty while the mapping has problems). */
  preview: PreviewRow[];
  /** Rows with errors or duplicate warnings, in file order, up to PROBLEM_ROWS_SHOWN. */
  problemRows: PreviewRow[];
  counts: { valid: number; invalid: number; duplicates: number };
};

export type ImportRefusal = { ok: false } & ImportFileProblem;

export type PreparedImport = {
  file: ImportFile;
  mapping: ColumnMapping;
  problems: MappingProblem[];
  options: ImportOptions;
  rows: PreparedRow[] | null;
};

/** Shared by the preview and the import itself: the same checks, the same rows. */
export async function prepareImport(ctx: MemberContext, bytes: Uint8Array, request: ImportRequest): Promise<PreparedImport | ImportRefusal> {
  const db = authorize(ctx, "records.import");
  const read = readImportFile(bytes, request.encoding);
  if (!read.ok) return read;
  const { file } = read;
  const mapping = usableMapping(request.kind, request.mapping, file.header.length) ?? guessMapping(request.kind, file.header);
  const problems = mappingProblems(request.kind, mapping);
  const ownerId = request.ownerId || ctx.user.id;
  const owner = await db.user.findFirst({ where: { id: ownerId, status: "ACTIVE" }, select: { id: true } });
  if (!owner) return { ok: false, error: "importOwnerInvalid" };
  const options: ImportOptions = {
    ownerId,
    defaultCountry: request.defaultCountry || undefined,
    createMissingCustomers: request.createMissingCustomers ?? false,
    duplicates: request.duplicates ?? "skip",
  };
  if (problems.length > 0) return { file, mapping, problems, options, rows: null };
  const lookups = await loadLookups(db, request.kind, file.records, mapping, options.defaultCountry);
  return { file, mapping, problems, options, rows: prepareRows(request.kind, file.records, mapping, options, lookups) };
}

/** The browser's mapping when it fits this file and kind; null to guess afresh. */
function usableMapping(kind: ImportKind, mapping: ColumnMapping | undefined, columns: number): ColumnMapping | null {
  if (!mapping || mapping.length !== columns) return null;
  const allowed = importFields(kind);
  return mapping.every((field) => field === null || allowed.includes(field)) ? mapping : null;
}

const toPreview = (row: PreparedRow): PreviewRow => ({ line: row.line, cells: row.cells, errors: row.errors, warnings: row.warnings });

export async function analyzeImport(ctx: MemberContext, bytes: Uint8Array, request: ImportRequest): Promise<ImportAnalysis | ImportRefusal> {
  const prepared = await prepareImport(ctx, bytes, request);
  if ("ok" in prepared) return prepared;
  const { file, mapping, problems, rows } = prepared;
  const base = { ok: true as const, encoding: file.encoding, delimiter: file.delimiter, header: file.header, mapping, mappingProblems: problems };
  if (!rows) {
    return {
      ...base,
      totalRows: file.records.length,
      preview: file.records.slice(0, PREVIEW_ROWS).map((r) => ({ line: r.line, cells: r.cells, errors: [], warnings: [] })),
      problemRows: [],
      counts: { valid: 0, invalid: 0, duplicates: 0 },
    };
  }
  const invalid = rows.filter((row) => row.errors.length > 0).length;
  const duplicates = rows.filter((row) => row.errors.length === 0 && row.warnings.length > 0).length;
  return {
    ...base,
    totalRows: rows.length,
    preview: rows.slice(0, PREVIEW_ROWS).map(toPreview),
    problemRows: rows.filter((row) => row.errors.length > 0 || row.warnings.length > 0).slice(0, PROBLEM_ROWS_SHOWN).map(toPreview),
    counts: { valid: rows.length - invalid, invalid, duplicates },
  };
}
