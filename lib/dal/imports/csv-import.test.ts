// CSV import as a user and an attacker see it: files in every encoding people actually have,
// per-row errors with line numbers, duplicates, limits, permissions, workspaces, and an import that
// dies half-way saying so.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { PermissionDeniedError } from "@/lib/auth/permissions";
import { parseCsv } from "@/lib/csv/csv-parser";
import { addMember, auditEvents, createWorkspace, memberContext, TEST_META, type TestWorkspace } from "@/test/factories";
import type { User } from "@/lib/generated/prisma/client";
import type { MemberContext } from "../context";
import { analyzeImport } from "./analyze-import";
import { startImport } from "./run-import";
import { getImportErrorReport, getImportJob } from "./import-jobs";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, readImportFile } from "./read-import-file";
import type { ImportRequest } from "./import-request";

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => utf8(`\uFEFF${text}`);

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe], 0);
  for (let i = 0; i < text.length; i += 1) {
    out[2 + i * 2] = text.charCodeAt(i) & 255;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
}

// "名称,电话\n华为技术,+86 10 6552 8899\n腾讯科技,\n" in GB18030 (the GBK range), as a Chinese Excel saves it.
const GB18030_FILE = new Uint8Array([
  0xc3, 0xfb, 0xb3, 0xc6, 0x2c, 0xb5, 0xe7, 0xbb, 0xb0, 0x0a, 0xbb, 0xaa, 0xce, 0xaa, 0xbc, 0xbc, 0xca, 0xf5, 0x2c, ...utf8("+86 10 6552 8899"), 0x0a, 0xcc,
  0xda, 0xd1, 0xb6, 0xbf, 0xc6, 0xbc, 0xbc, 0x2c, 0x0a,
]);

let ws: TestWorkspace;
let other: TestWorkspace;
let admin: MemberContext;
let manager: User;
let managerCtx: MemberContext;

async function importFile(ctx: MemberContext, bytes: Uint8Array, request: Partial<ImportRequest> = {}) {
  const started = await startImport(ctx, bytes, { kind: "customers", fileName: "test.csv", ...request }, TEST_META);
  if (!started.ok) throw new Error(`refused: ${started.error}`);
  await started.run();
  return (await getImportJob(ctx, started.jobId))!;
}

const customersNamed = (tenantId: string, names: string[]) =>
  systemDb().customer.findMany({ where: { tenantId, name: { in: names } }, orderBy: { name: "asc" } });

beforeAll(async () => {
  [ws, other] = await Promise.all([createWorkspace(), createWorkspace()]);
  manager = await addMember(ws.tenant.id, "MANAGER", { name: "Mia Manager" });
  admin = memberContext(await addMember(ws.tenant.id, "ADMIN"), ws.tenant);
  managerCtx = memberContext(manager, ws.tenant);
});

describe("encodings", () => {
  it("GB18030, UTF-8 with a BOM and UTF-16 files import the same Chinese names", async () => {
    const text = "名称,电话\n华为技术,+86 10 6552 8899\n腾讯科技,\n";
    const files = { gb: GB18030_FILE, bom: withBom(text), utf16: utf16le(text) };
    const results: Record<string, string[]> = {};
    for (const [name, bytes] of Object.entries(files)) {
      const target = await createWorkspace();
      const ctx = memberContext(target.owner, target.tenant);
      const analysis = await analyzeImport(ctx, bytes, { kind: "customers", fileName: `${name}.csv` });
      expect(analysis.ok && analysis.mapping).toEqual(["name", "phone"]);
      const job = await importFile(ctx, bytes);
      expect(job).toMatchObject({ status: "done", importedRows: 2, failedRows: 0 });
      const rows = await systemDb().customer.findMany({ where: { tenantId: target.tenant.id }, orderBy: { name: "asc" } });
      results[name] = rows.map((row) => `${row.name}|${row.phone ?? ""}|${row.searchText.includes("6552") ? "s" : ""}`);
    }
    expect(results.gb).toEqual(["华为技术|+861065528899|s", "腾讯科技||"]);
    expect(results.bom).toEqual(results.gb);
    expect(results.utf16).toEqual(results.gb);
  });

  it("says which encoding it detected, and an override that doesn't fit is refused with a message", async () => {
    const analysis = await analyzeImport(admin, GB18030_FILE, { kind: "customers", fileName: "gb.csv" });
    expect(analysis.ok && analysis.encoding).toBe("gb18030");
    expect(await analyzeImport(admin, GB18030_FILE, { kind: "customers", fileName: "gb.csv", encoding: "utf-8" })).toEqual({
      ok: false,
      error: "importEncodingInvalid",
      values: { encoding: "UTF-8" },
    });
  });
});

describe("mapping and row errors", () => {
  it("guesses English and Chinese headers and refuses an import without a required column", async () => {
    const analysis = await analyzeImport(admin, utf8("公司名称;邮箱;Phone;Whatever\nA;x;y;z\n"), { kind: "customers", fileName: "a.csv" });
    expect(analysis).toMatchObject({ ok: true, delimiter: ";", mapping: ["name", null, "phone", null], mappingProblems: [] });
    const missing = await analyzeImport(admin, utf8("Phone,City\n+1 415 555 0100,SF\n"), { kind: "customers", fileName: "b.csv" });
    expect(missing).toMatchObject({ ok: true, mappingProblems: [{ key: "importFieldMissing", field: "name" }] });
    const started = await startImport(admin, utf8("Phone,City\n+1 415 555 0100,SF\n"), { kind: "customers", fileName: "b.csv" }, TEST_META);
    expect(started).toEqual({ ok: false, error: "importMappingIncomplete" });
    const contacts = await analyzeImport(admin, utf8("姓名,手机\n张三,13800138000\n"), { kind: "contacts", fileName: "c.csv" });
    expect(contacts).toMatchObject({ ok: true, mappingProblems: [{ key: "importFieldMissing", field: "customer" }] });
  });

  it("reports bad values per row with the line they are on, imports the rest, and offers the rejected rows as CSV", async () => {
    const file = [
      "Name,Status,Website,Phone,Industry,Owner,Notes",
      "Good One,Active,good.example,+44 20 7946 0958,Retail,,",
      ",LEAD,,,,,no name", // line 3
      'Bad Web,lead,"not a website",,,,', // line 4
      'Multi,潜在客户,,,科技,Mia Manager,"two', // line 5, cell continues on line 6
      'lines"',
      "Bad Phone,active,,12345,,,", // line 7
      "Unknown Owner,,,,,nobody@example.test,", // line 8
      "Weird Status,Sleeping,,,,,", // line 9
    ].join("\r\n");
    const job = await importFile(admin, utf8(file), { fileName: "mixed.csv" });
    expect(job).toMatchObject({ status: "done", totalRows: 7, processedRows: 7, importedRows: 2, failedRows: 5 });
    const names = (await systemDb().customer.findMany({ where: { tenantId: ws.tenant.id, name: { in: ["Good One", "Multi"] } }, orderBy: { name: "asc" } })).map(
      (c) => [c.name, c.status, c.industry, c.ownerId === manager.id, c.website],
    );
    expect(names).toEqual([
      ["Good One", "ACTIVE", "retail", false, "https://good.example"],
      ["Multi", "LEAD", "technology", true, null],
    ]);
    const report = (await getImportErrorReport(admin, job.id))!;
    const parsed = parseCsv(report.csv.replace(/^\uFEFF/, ""));
    expect(parsed.header).toEqual(["Name", "Status", "Website", "Phone", "Industry", "Owner", "Notes", "Line", "Error"]);
    const byLine = Object.fromEntries(parsed.records.map((record) => [record.cells[7], record.cells[8]]));
    expect(parsed.records.map((record) => record.cells[7])).toEqual(["3", "4", "7", "8", "9"]);
    expect(byLine["3"]).toMatch(/^Name: /);
    expect(byLine["4"]).toMatch(/^Website: /);
    expect(byLine["7"]).toMatch(/^Phone: /);
    expect(byLine["8"]).toBe("Owner (name or email): No active member is called “nobody@example.test” (use their name or email).");
    expect(byLine["9"]).toMatch(/^Status: /);
    // Each imported record's history names the import; the import is in the audit log.
    const history = await systemDb().recordChange.findMany({ where: { tenantId: ws.tenant.id, action: "created", changes: { path: ["importJob", "to"], equals: job.id } } });
    expect(history).toHaveLength(2);
    const events = await auditEvents(ws.tenant.id, "records.imported");
    expect(events.at(-1)?.data).toMatchObject({ importJobId: job.id, imported: 2, rejected: 5, status: "done" });
  });

  it("writes the error report in the importer's language", async () => {
    const zh = memberContext(await addMember(ws.tenant.id, "ADMIN", { locale: "zh-CN" }), ws.tenant);
    const job = await importFile(zh, utf8("名称,网站\n坏网址,not a site\n"));
    const report = (await getImportErrorReport(zh, job.id))!;
    expect(report.csv).toContain("行号");
    expect(report.csv).toContain("网站: ");
  });
});

describe("duplicates", () => {
  it("flags rows matching an existing customer or an earlier row, and skips them unless told to import anyway", async () => {
    await importFile(admin, utf8("name,phone\nDupe Existing Ltd,+1 212 555 0101\n"));
    const file = utf8("name,phone\ndupe existing ltd,\nFresh Co,+1 212 555 0199\nFresh Co,\nOther,+1 (212) 555-0101\n");
    const analysis = await analyzeImport(admin, file, { kind: "customers", fileName: "d.csv" });
    expect(analysis.ok && analysis.counts).toEqual({ valid: 4, invalid: 0, duplicates: 3 });
    expect(analysis.ok && analysis.problemRows.map((row) => [row.line, row.warnings.map((w) => w.key)])).toEqual([
      [2, ["importDuplicateExisting"]],
      [4, ["importDuplicateInFile"]],
      [5, ["importDuplicateExisting"]],
    ]);
    const skipped = await importFile(admin, file, { duplicates: "skip" });
    expect(skipped).toMatchObject({ importedRows: 1, failedRows: 3 });
    expect((await getImportErrorReport(admin, skipped.id))!.csv).toContain("Skipped as a duplicate: same as line 3 of this file.");
    const anyway = await importFile(admin, utf8("name\nDupe Existing Ltd\n"), { duplicates: "import" });
    expect(anyway).toMatchObject({ importedRows: 1, failedRows: 0 });
  });
});

describe("contacts", () => {
  it("links contacts to customers by name or id, refuses unknown ones, or creates them when asked", async () => {
    const [acme] = await customersNamed(ws.tenant.id, ["Good One"]);
    const [foreign] = await systemDb().customer.createManyAndReturn({
      data: [{ tenantId: other.tenant.id, name: "Foreign Corp", ownerId: other.owner.id }],
    });
    const file = utf8(
      ["公司,姓名,邮箱,手机", `good one,张伟,zhang@example.test,`, `${acme.id},Li Na,LI@example.test,`, "Nowhere Inc,Ghost,,", `${foreign.id},Spy,,`].join("\n"),
    );
    const job = await importFile(admin, file, { kind: "contacts" });
    expect(job).toMatchObject({ importedRows: 2, failedRows: 2 });
    const contacts = await systemDb().contact.findMany({ where: { tenantId: ws.tenant.id, customerId: acme.id }, orderBy: { name: "asc" } });
    expect(contacts.map((c) => [c.name, c.email])).toEqual([
      ["Li Na", "li@example.test"],
      ["张伟", "zhang@example.test"],
    ]);
    // The customer is now found by its contacts' emails.
    expect((await systemDb().customer.findFirstOrThrow({ where: { tenantId: ws.tenant.id, id: acme.id } })).searchText).toContain("zhang@example.test");
    const report = (await getImportErrorReport(admin, job.id))!.csv;
    expect(report).toContain("There is no customer “Nowhere Inc” in this workspace");
    expect(report).toContain(`There is no customer “${foreign.id}” in this workspace`);
    expect(await systemDb().contact.count({ where: { tenantId: other.tenant.id } })).toBe(0);

    const created = await importFile(admin, utf8("customer,name\nBrand New Co,Ann\nbrand new co,Bob\n"), { kind: "contacts", createMissingCustomers: true, ownerId: manager.id });
    expect(created).toMatchObject({ importedRows: 2, failedRows: 0 });
    const brandNew = await systemDb().customer.findMany({ where: { tenantId: ws.tenant.id, name: { equals: "Brand New Co", mode: "insensitive" } }, include: { contacts: true } });
    expect(brandNew).toHaveLength(1);
    expect(brandNew[0].ownerId).toBe(manager.id);
    expect(brandNew[0].contacts.map((c) => c.name).sort()).toEqual(["Ann", "Bob"]);
  });
});

describe("limits and permissions", () => {
  it("refuses oversized files, too many rows, empty files and broken quotes with a message", () => {
    expect(readImportFile(new Uint8Array(IMPORT_MAX_BYTES + 1))).toMatchObject({ ok: false, error: "importTooLarge" });
    expect(readImportFile(utf8(`name\n${"x\n".repeat(IMPORT_MAX_ROWS + 1)}`))).toMatchObject({ ok: false, error: "importTooManyRows" });
    expect(readImportFile(new Uint8Array())).toMatchObject({ ok: false, error: "importEmpty" });
    expect(readImportFile(utf8("name\n"))).toMatchObject({ ok: false, error: "importNoRows" });
    expect(readImportFile(utf8('name\n"open\nrest\n'))).toEqual({ ok: false, error: "importUnterminatedQuote", values: { line: 2 } });
  });

  it("refuses members without records.import, and an owner from another workspace", async () => {
    expect((await analyzeImport(managerCtx, utf8("name\nX\n"), { kind: "customers", fileName: "x.csv" })).ok).toBe(true);
    for (const role of ["SALES_REP", "READ_ONLY"] as const) {
      const ctx = memberContext(await addMember(ws.tenant.id, role), ws.tenant);
      await expect(analyzeImport(ctx, utf8("name\nX\n"), { kind: "customers", fileName: "x.csv" })).rejects.toThrow(PermissionDeniedError);
      await expect(startImport(ctx, utf8("name\nX\n"), { kind: "customers", fileName: "x.csv" }, TEST_META)).rejects.toThrow(PermissionDeniedError);
    }
    expect(await startImport(admin, utf8("name\nX\n"), { kind: "customers", fileName: "x.csv", ownerId: other.owner.id }, TEST_META)).toEqual({
      ok: false,
      error: "importOwnerInvalid",
    });
    // Another workspace's import job is not found.
    const job = await importFile(memberContext(other.owner, other.tenant), utf8("name\nTheirs\n"));
    expect(await getImportJob(admin, job.id)).toBeNull();
    expect(await getImportErrorReport(admin, job.id)).toBeNull();
  });
});

describe("large and broken imports", () => {
  it("imports 10,000 rows in one go and reports exactly the bad ones", { timeout: 180_000 }, async () => {
    const target = await createWorkspace();
    const ctx = memberContext(target.owner, target.tenant);
    const lines = ["name,phone,industry,tags"];
    for (let i = 1; i <= 10_000; i += 1) {
      // Every 97th row has no name, every 89th a phone that is not one.
      const name = i % 97 === 0 ? "" : `Company ${i}`;
      const phone = i % 89 === 0 ? "12" : `+1 415 555 ${String(i % 10_000).padStart(4, "0")}`;
      lines.push(`${name},${phone},technology,"a,b"`);
    }
    const bad = Array.from({ length: 10_000 }, (_, k) => k + 1).filter((i) => i % 97 === 0 || i % 89 === 0).length;
    const job = await importFile(ctx, utf8(lines.join("\n")), { duplicates: "import" });
    expect(job).toMatchObject({ status: "done", totalRows: 10_000, processedRows: 10_000, importedRows: 10_000 - bad, failedRows: bad });
    expect(await systemDb().customer.count({ where: { tenantId: target.tenant.id } })).toBe(10_000 - bad);
    const report = parseCsv((await getImportErrorReport(ctx, job.id))!.csv.replace(/^\uFEFF/, ""));
    expect(report.records).toHaveLength(bad);
    expect(report.records[0].cells.slice(-2)).toEqual(["90", expect.stringMatching(/^Phone: /)]);
  });

  it("a failure half-way says how many rows arrived, and those rows are identifiable by the import", async () => {
    const target = await createWorkspace();
    const ctx = memberContext(target.owner, target.tenant);
    const [first, second] = await systemDb().customer.createManyAndReturn({
      data: [
        { tenantId: target.tenant.id, name: "First Customer", ownerId: target.owner.id },
        { tenantId: target.tenant.id, name: "Second Customer", ownerId: target.owner.id },
      ],
    });
    const lines = ["customer,name"];
    for (let i = 0; i < 700; i += 1) lines.push(`${i < 500 ? first.name : second.name},Person ${i}`);
    const started = await startImport(ctx, utf8(lines.join("\n")), { kind: "contacts", fileName: "people.csv" }, TEST_META);
    if (!started.ok) throw new Error(started.error);
    // The second chunk's customer disappears between the check and the write.
    await systemDb().customer.delete({ where: { tenantId_id: { tenantId: target.tenant.id, id: second.id } } });
    await started.run();
    const job = (await getImportJob(ctx, started.jobId))!;
    expect(job).toMatchObject({ status: "failed", importedRows: 500, processedRows: 500, failedRows: 200 });
    const arrived = await systemDb().recordChange.count({ where: { tenantId: target.tenant.id, changes: { path: ["importJob", "to"], equals: job.id } } });
    expect(arrived).toBe(500);
    expect(await systemDb().contact.count({ where: { tenantId: target.tenant.id } })).toBe(500);
    expect((await getImportErrorReport(ctx, job.id))!.csv).toContain("Not imported: the import stopped before this row.");
  });

  it("a job whose server died shows as failed, with the rows it had written", async () => {
    const target = await createWorkspace();
    const ctx = memberContext(target.owner, target.tenant);
    const started = await startImport(ctx, utf8("name\nNever Run\n"), { kind: "customers", fileName: "lost.csv" }, TEST_META);
    if (!started.ok) throw new Error(started.error);
    // The process that would have run it is gone: nobody calls started.run().
    expect((await getImportJob(ctx, started.jobId))?.status).toBe("running");
    expect(await getImportJob(ctx, started.jobId, Date.now() + 31 * 60_000)).toMatchObject({ status: "failed", importedRows: 0 });
  });
});
