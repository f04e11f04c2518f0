import { describe, expect, it } from "vitest";
import { CsvDecodeError, decodeCsvBytes, detectDelimiter, parseCsv } from "./csv-parser";

const utf8 = (text: string) => new TextEncoder().encode(text);

function utf16(text: string, endian: "le" | "be"): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(endian === "le" ? [0xff, 0xfe] : [0xfe, 0xff], 0);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out[2 + i * 2] = endian === "le" ? code & 255 : code >> 8;
    out[3 + i * 2] = endian === "le" ? code >> 8 : code & 255;
  }
  return out;
}

// "名称,电话\n华为技术,123\n" in GB18030 (GBK range): 名 C3FB 称 B3C6 电 B5E7 话 BBB0 华 BBAA 为 CEAA 技 BCBC 术 CAF5
const GB_BYTES = new Uint8Array([
  0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb5, 0xe7, 0xbb, 0xb0, 0x0a, 0xbb, 0xaa, 0xce, 0xaa, 0xbc, 0xbc, 0xca, 0xf5, 0x2c, 0x31, 0x32, 0x33, 0x0a,
]);

describe("decodeCsvBytes", () => {
  it("reads UTF-8 without a BOM", () => {
    expect(decodeCsvBytes(utf8("名称\n华为技术\n"))).toEqual({ text: "名称\n华为技术\n", encoding: "utf-8", hadBom: false });
  });

  it("strips a UTF-8 BOM so the first header is not \\uFEFFname", () => {
    const decoded = decodeCsvBytes(utf8("\uFEFFname,phone\nAcme,1\n"));
    expect(decoded.encoding).toBe("utf-8");
    expect(decoded.hadBom).toBe(true);
    expect(parseCsv(decoded.text).header).toEqual(["name", "phone"]);
  });

  it("reads UTF-16 little and big endian with a BOM", () => {
    for (const endian of ["le", "be"] as const) {
      const decoded = decodeCsvBytes(utf16("名称\t电话\r\n华为技术\t123\r\n", endian));
      expect(decoded.encoding).toBe(endian === "le" ? "utf-16le" : "utf-16be");
      expect(parseCsv(decoded.text)).toMatchObject({ delimiter: "\t", header: ["名称", "电话"], records: [{ line: 2, cells: ["华为技术", "123"] }] });
    }
  });

  it("falls back to GB18030 when the bytes are not UTF-8", () => {
    const decoded = decodeCsvBytes(GB_BYTES);
    expect(decoded.encoding).toBe("gb18030");
    expect(decoded.text).toBe("名称,电话\n华为技术,123\n");
  });

  it("honours an override, and refuses bytes that are not valid in it", () => {
    expect(decodeCsvBytes(utf8("abc"), "gb18030").encoding).toBe("gb18030");
    expect(() => decodeCsvBytes(GB_BYTES, "utf-8")).toThrow(CsvDecodeError);
  });
});

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, embedded delimiters and line breaks, CRLF", () => {
    const text = 'name,notes,phone\r\n"Acme, Inc.","said ""hi""\r\nthen left",555\r\nBeta,,\r\n';
    const parsed = parseCsv(text);
    expect(parsed.header).toEqual(["name", "notes", "phone"]);
    expect(parsed.records).toEqual([
      { line: 2, cells: ["Acme, Inc.", 'said "hi"\r\nthen left', "555"] },
      { line: 4, cells: ["Beta", "", ""] },
    ]);
    expect(parsed.unterminatedQuoteAtLine).toBeNull();
  });

  it("counts lines through multi-line cells so errors point at the right line", () => {
    const parsed = parseCsv('a,b\n"x\n\ny",1\nlast,2');
    expect(parsed.records.map((r) => r.line)).toEqual([2, 5]);
    expect(parsed.records[1].cells).toEqual(["last", "2"]);
  });

  it("skips blank lines and reports an unterminated quote", () => {
    const parsed = parseCsv('a,b\n\n1,2\n"open,3\n4,5\n');
    expect(parsed.records[0]).toEqual({ line: 3, cells: ["1", "2"] });
    expect(parsed.unterminatedQuoteAtLine).toBe(4);
  });

  it("detects semicolons and tabs, and prefers commas on a tie", () => {
    expect(detectDelimiter("name;phone;email\nA;1;a@x")).toBe(";");
    expect(detectDelimiter("name\tphone\nA\t1")).toBe("\t");
    expect(detectDelimiter('"a;b",c\n')).toBe(",");
    expect(detectDelimiter("name\n")).toBe(",");
    expect(parseCsv("name;phone\nMüller GmbH;+49 30 1234\n").records[0].cells).toEqual(["Müller GmbH", "+49 30 1234"]);
  });
});
