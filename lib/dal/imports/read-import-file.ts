import { CsvDecodeError, decodeCsvBytes, parseCsv, type CsvDelimiter, type CsvEncoding, type CsvRecord } from "@/lib/csv/csv-parser";

// The limits of one import and the first checks on an uploaded file, before any row is looked at.
// Message keys are under "errors." (messages/*/imports.json).

/** Bytes per file: 10,000 customers with every column filled fit comfortably. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** Rows per file, beyond the header. */
export const IMPORT_MAX_ROWS = 20_000;

export type ImportFileProblem = { error: string; values?: Record<string, string | number> };

export type ImportFile = {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  header: string[];
  records: CsvRecord[];
};

export function readImportFile(bytes: Uint8Array, encoding?: CsvEncoding): { ok: true; file: ImportFile } | ({ ok: false } & ImportFileProblem) {
  if (bytes.byteLength > IMPORT_MAX_BYTES) return { ok: false, error: "importTooLarge", values: { max: IMPORT_MAX_BYTES / 1024 / 1024 } };
  if (bytes.byteLength === 0) return { ok: false, error: "importEmpty" };
  let decoded;
  try {
    decoded = decodeCsvBytes(bytes, encoding);
  } catch (error) {
    if (error instanceof CsvDecodeError) return { ok: false, error: "importEncodingInvalid", values: { encoding: error.encoding.toUpperCase() } };
    throw error;
  }
  if (decoded.text.includes("\u0000")) return { ok: false, error: "importNotCsv" };
  const parsed = parseCsv(decoded.text);
  if (parsed.unterminatedQuoteAtLine !== null) return { ok: false, error: "importUnterminatedQuote", values: { line: parsed.unterminatedQuoteAtLine } };
  if (parsed.header.every((cell) => cell === "")) return { ok: false, error: "importEmpty" };
  if (parsed.records.length === 0) return { ok: false, error: "importNoRows" };
  if (parsed.records.length > IMPORT_MAX_ROWS) return { ok: false, error: "importTooManyRows", values: { max: IMPORT_MAX_ROWS, count: parsed.records.length } };
  return { ok: true, file: { encoding: decoded.encoding, delimiter: parsed.delimiter, header: parsed.header, records: parsed.records } };
}
