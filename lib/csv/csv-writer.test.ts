import { describe, expect, it } from "vitest";
import { CSV_BOM, csvCell, csvDocument, csvRow, csvStream, type CsvValue } from "./csv-writer";

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

describe("csvCell", () => {
  it("leaves plain text alone", () => {
    expect(csvCell("Alice Example")).toBe("Alice Example");
    expect(csvCell("")).toBe("");
  });

  it("quotes commas, quotes, line feeds and carriage returns, doubling quotes", () => {
    expect(csvCell("Smith, Jane")).toBe('"Smith, Jane"');
    expect(csvCell('She said "hi"')).toBe('"She said ""hi"""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
  });

  it.each([
    ["=1+1", "'=1+1"],
    ["+SUM(A1:A2)", "'+SUM(A1:A2)"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
  ])("neutralises a formula: %j", (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it.each(["+86 139 1234 5678", "+1 (555) 010-0100", "+442071838750", "-12.5"])("leaves a phone number or a plain number as it is: %j", (input) => {
    expect(csvCell(input)).toBe(input);
  });

  it.each([["+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"], ["-1+1", "'-1+1"], ["+1 SUM(A1)", "'+1 SUM(A1)"]])(
    "still neutralises what only looks like a number at first: %j",
    (input, expected) => {
      expect(csvCell(input)).toBe(expected);
    },
  );

  it("neutralises a leading carriage return and still quotes it", () => {
    expect(csvCell("\r=cmd")).toBe(`"'\r=cmd"`);
  });

  it("neutralises first, then quotes, so the quote can't be escaped out of", () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it("only looks at the first character", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("x-ray")).toBe("x-ray");
  });

  it("writes numbers as numbers (a negative number is data, not a formula)", () => {
    expect(csvCell(42)).toBe("42");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("writes null and undefined as empty, booleans as words, dates as ISO 8601 UTC", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe("2026-01-02T03:04:05.006Z");
  });
});

describe("csvRow / csvDocument", () => {
  it("joins cells with commas and ends rows with CRLF", () => {
    expect(csvRow(["a", "b,c", 1, null])).toBe('a,"b,c",1,\r\n');
  });

  it("starts with a UTF-8 byte order mark so Excel reads Chinese correctly", () => {
    const doc = csvDocument(["Name"], [["张伟"]]);
    expect(doc.startsWith(CSV_BOM)).toBe(true);
    const bytes = new TextEncoder().encode(doc);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes)).toBe("Name\r\n张伟\r\n");
  });
});

describe("csvStream", () => {
  it("streams the BOM, the header and every batch, byte for byte what csvDocument builds", async () => {
    const rows: CsvValue[][] = [
      ["王芳", "=cmd|' /C calc'!A0", 1],
      ["Bob, Jr.", 'say "x"', -1],
      ["multi\nline", "@x", 0],
    ];
    async function* batches() {
      yield rows.slice(0, 2);
      yield [];
      yield rows.slice(2);
    }
    const bytes = await readAll(csvStream(["Name", "Note", "N"], batches()));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe(csvDocument(["Name", "Note", "N"], rows));
  });

  it("ends the source when the download is cancelled", async () => {
    let finished = false;
    async function* batches() {
      try {
        for (;;) yield [["row"]];
      } finally {
        finished = true;
      }
    }
    const reader = csvStream(["h"], batches()).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect(finished).toBe(true);
  });
});
