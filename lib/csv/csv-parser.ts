// Reading CSV files that people export from Excel, WPS, Numbers, Google Sheets or other CRMs.
//   - Encoding: UTF-8 (with or without a byte order mark), UTF-16 with a byte order mark (Excel's
//     "Unicode text"), and GB18030 (what Excel and WPS write on a Chinese-language Windows; a
//     superset of GBK and GB2312). Without a BOM we try strict UTF-8 first: a GB18030 file of
//     Chinese text is practically never valid UTF-8, while a UTF-8 file is never mistaken for GB.
//   - RFC 4180: quoted cells with doubled quotes, line breaks inside quotes, CRLF or LF rows.
//   - Delimiter: comma, semicolon (European Excel) or tab, whichever splits the header line best.

export const CSV_ENCODINGS = ["utf-8", "utf-16le", "utf-16be", "gb18030"] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export const CSV_DELIMITERS = [",", ";", "\t"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export type DecodedCsv = { text: string; encoding: CsvEncoding; hadBom: boolean };

export class CsvDecodeError extends Error {
  constructor(readonly encoding: CsvEncoding) {
    super(`The file is not valid ${encoding}`);
    this.name = "CsvDecodeError";
  }
}

function bomOf(bytes: Uint8Array): { encoding: CsvEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", length: 2 };
  return null;
}

function decodeStrict(bytes: Uint8Array, encoding: CsvEncoding): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CsvDecodeError(encoding);
  }
}

/**
 * The file's text and the encoding it was read in. `override` forces an encoding (the user picked
 * one after seeing garbled names); a byte order mark otherwise decides; else UTF-8 when the bytes
 * are valid UTF-8, else GB18030. Throws CsvDecodeError when the bytes are not valid in the
 * encoding used.
 */
export function decodeCsvBytes(bytes: Uint8Array, override?: CsvEncoding): DecodedCsv {
  const bom = bomOf(bytes);
  if (override) {
    const skip = bom && bom.encoding === override ? bom.length : 0;
    return { text: decodeStrict(bytes.subarray(skip), override), encoding: override, hadBom: skip > 0 };
  }
  if (bom) return { text: decodeStrict(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, hadBom: true };
  try {
    return { text: decodeStrict(bytes, "utf-8"), encoding: "utf-8", hadBom: false };
  } catch {
    return { text: decodeStrict(bytes, "gb18030"), encoding: "gb18030", hadBom: false };
  }
}

/** The delimiter that splits the first line (outside quotes) into the most cells; comma on a tie. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch as CsvDelimiter)) counts.set(ch as CsvDelimiter, (counts.get(ch as CsvDelimiter) ?? 0) + 1);
  }
  let best: CsvDelimiter = ",";
  for (const delimiter of CSV_DELIMITERS) if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

/** One record of the file and the line it starts on (1-based, counting the header as line 1). */
export type CsvRecord = { line: number; cells: string[] };

export type ParsedCsv = { delimiter: CsvDelimiter; header: string[]; records: CsvRecord[]; unterminatedQuoteAtLine: number | null };

/**
 * Splits text into records. Blank lines are skipped (a trailing newline makes no empty record).
 * An unterminated quote swallows the rest of the file, as in every spreadsheet; it is reported so
 * the user learns which line to fix instead of seeing one giant cell.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): ParsedCsv {
  const rows: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  let quoteStart = 0;
  let rowHasContent = false;
  const endRow = () => {
    cells.push(cell);
    if (rowHasContent || cells.length > 1 || cell !== "") rows.push({ line: rowStart, cells });
    cells = [];
    cell = "";
    rowHasContent = false;
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === "\n") line += 1;
        else if (ch === "\r") {
          if (text[i + 1] === "\n") {
            cell += "\r";
            i += 1;
            cell += "\n";
            line += 1;
            continue;
          }
          line += 1;
        }
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === "") {
      quoted = true;
      quoteStart = line;
      rowHasContent = true;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
      rowHasContent = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i += 1;
      endRow();
      line += 1;
      rowStart = line;
    } else {
      cell += ch;
    }
  }
  const unterminated = quoted ? quoteStart : null;
  if (cell !== "" || cells.length > 0 || rowHasContent) endRow();
  const [first, ...records] = rows;
  return { delimiter, header: (first?.cells ?? []).map((h) => h.trim()), records, unterminatedQuoteAtLine: unterminated };
}
