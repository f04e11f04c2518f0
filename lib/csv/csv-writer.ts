// A small RFC 4180 CSV writer for downloads that people open in Excel, Numbers or LibreOffice.
//   - Every cell that a spreadsheet would read as a formula (starting with = + - @, a tab or a
//     carriage return) is prefixed with a single quote, so a value someone typed into a form
//     (a name, a username, a user agent) can never run as a formula on an admin's machine
//     (OWASP "CSV injection"). Phone numbers and plain numbers (digits and phone punctuation
//     only) are left as they are: nothing in them can run.
//   - Cells containing a quote, comma, CR or LF are quoted, with quotes doubled.
//   - Rows end in CRLF, and the file starts with a UTF-8 byte order mark so Excel opens
//     Chinese (and any other non-ASCII) text correctly instead of guessing a legacy code page.

export type CsvValue = string | number | boolean | Date | null | undefined;

/** The UTF-8 byte order mark; Excel needs it to read the file as UTF-8. */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
// A phone number or a plain signed number ("+86 139 1234 5678", "+1 (555) 010-0100", "-12.5"):
// digits and phone punctuation only, so nothing a spreadsheet could run (no function, no
// reference). It keeps its leading + or - instead of gaining a quote that would show in the cell.
const PLAIN_NUMBER = /^[+-]?[\d\s().-]*\d[\d\s().-]*$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell, neutralised against formula injection and quoted when needed. */
export function csvCell(value: CsvValue): string {
  let text: string;
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    // A number is data, never a formula: -3 stays -3 so it still sums. Non-finite values become empty.
    return Number.isFinite(value) ? String(value) : "";
  }
  if (typeof value === "boolean") text = value ? "true" : "false";
  else if (value instanceof Date) text = Number.isNaN(value.getTime()) ? "" : value.toISOString();
  else text = value;
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line, CRLF-terminated. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/** A whole document as one string (with the BOM): for small exports and tests. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = CSV_BOM + csvRow(header);
  for (const row of rows) out += csvRow(row);
  return out;
}

/**
 * A streamed document: the BOM and header first, then each batch of rows as it arrives, so a
 * 50,000-row export never sits in memory as one string. Batches come from an async iterable
 * (e.g. a keyset-paginated query); an error while reading aborts the download.
 */
export function csvStream(header: readonly string[], batches: AsyncIterable<readonly (readonly CsvValue[])[]>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(CSV_BOM + csvRow(header)));
        return;
      }
      // Enqueue something on every pull (skipping empty batches): a pull that enqueues nothing
      // would leave the reader waiting for good.
      for (;;) {
        const next = await iterator.next();
        if (next.done) {
          controller.close();
          return;
        }
        if (next.value.length > 0) {
          controller.enqueue(encoder.encode(next.value.map(csvRow).join("")));
          return;
        }
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}
