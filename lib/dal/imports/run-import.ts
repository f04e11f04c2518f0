import "server-only";
import { createTranslator } from "next-intl";
import { recordAuditEvent } from "@/lib/auth/audit";
import { csvDocument, type CsvValue } from "@/lib/csv/csv-writer";
import { isMessageKey, type RootTranslator } from "@/lib/i18n/message-keys";
import { MESSAGES } from "@/lib/i18n/messages";
import { isLocale } from "@/lib/i18n/locales";
import { logError } from "@/lib/log";
import type { TenantDb } from "@/lib/db/tenant-db";
import { Prisma } from "@/lib/generated/prisma/client";
import { contactSearchText, customerSearchText } from "../customers/search-text";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { prepareImport, type ImportRefusal } from "./analyze-import";
import type { ImportRequest } from "./import-request";
import type { ImportOptions, PreparedRow, RowProblem } from "./prepare-rows";

// The import itself. Rows are written in chunks, each chunk one transaction that also moves the
// job's counters, so ImportJob always says exactly how many rows are in the database. Every record
// created gets a "created" history entry naming the import, so if the process stops half-way the
// rows that did arrive are identifiable (and the job says "failed after N rows").

export const IMPORT_CHUNK_ROWS = 500;

type Tx = Parameters<Parameters<TenantDb["$transaction"]>[0]>[0];

export type StartedImport = { ok: true; jobId: string; run: () => Promise<void> };

/** Validates the file and mapping, creates the job, and hands back the work to run after answering. */
export async function startImport(ctx: MemberContext, bytes: Uint8Array, request: ImportRequest, meta: RequestMeta): Promise<StartedImport | ImportRefusal> {
  const db = authorize(ctx, "records.import");
  const prepared = await prepareImport(ctx, bytes, request);
  if ("ok" in prepared) return prepared;
  if (!prepared.rows) return { ok: false, error: "importMappingIncomplete" };
  const rows = prepared.rows;
  const job = await db.importJob.create({
    data: { tenantId: ctx.tenant.id, createdById: ctx.user.id, kind: request.kind, fileName: request.fileName.slice(0, 255), totalRows: rows.length },
  });
  const header = prepared.file.header;
  return {
    ok: true,
    jobId: job.id,
    run: () => runImport(ctx, db, job.id, request, rows, header, prepared.options, meta),
  };
}

async function runImport(
  ctx: MemberContext,
  db: TenantDb,
  jobId: string,
  request: ImportRequest,
  rows: PreparedRow[],
  header: string[],
  options: ImportOptions,
  meta: RequestMeta,
): Promise<void> {
  const skipDuplicates = options.duplicates === "skip";
  const rejected: { row: PreparedRow; problems: RowProblem[] }[] = [];
  let processed = 0;
  let imported = 0;
  let status: "done" | "failed" = "done";
  const jobKey = { tenantId_id: { tenantId: ctx.tenant.id, id: jobId } };
  try {
    for (let start = 0; start < rows.length; start += IMPORT_CHUNK_ROWS) {
      const chunk = rows.slice(start, start + IMPORT_CHUNK_ROWS);
      const accepted: PreparedRow[] = [];
      const refused: typeof rejected = [];
      for (const row of chunk) {
        if (row.errors.length > 0) refused.push({ row, problems: row.errors });
        else if (skipDuplicates && row.warnings.length > 0) refused.push({ row, problems: row.warnings.map((w) => ({ ...w, key: `${w.key}Skipped` })) });
        else accepted.push(row);
      }
      const created = await db.$transaction(async (tx) => {
        const count =
          request.kind === "customers" ? await insertCustomers(tx, ctx, jobId, accepted) : await insertContacts(tx, ctx, jobId, accepted, options.ownerId);
        await tx.importJob.update({
          where: jobKey,
          data: { processedRows: processed + chunk.length, importedRows: imported + count, failedRows: rejected.length + refused.length },
        });
        return count;
      });
      processed += chunk.length;
      imported += created;
      rejected.push(...refused);
    }
  } catch (error) {
    status = "failed";
    logError("import:run", error);
    // Rows after the failure: their own errors when they had any, else "not reached".
    for (const row of rows.slice(processed)) rejected.push({ row, problems: row.errors.length > 0 ? row.errors : [{ field: "row", key: "importNotReached" }] });
  }
  try {
    await db.importJob.update({
      where: jobKey,
      data: {
        status,
        processedRows: status === "done" ? rows.length : processed,
        importedRows: imported,
        failedRows: rejected.length,
        errorReport: rejected.length > 0 ? errorReport(ctx.user.locale, request.kind, header, rejected) : null,
        finishedAt: new Date(),
      },
    });
    await recordAuditEvent({
      tenantId: ctx.tenant.id,
      type: "records.imported",
      actorUserId: ctx.user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      data: { importJobId: jobId, kind: request.kind, fileName: request.fileName, status, imported, rejected: rejected.length },
    });
  } catch (error) {
    logError("import:finish", error);
  }
}

/** The history entry of each imported record: created, by whom, by which import. */
function createdEntries(ctx: MemberContext, jobId: string, entityType: "customer" | "contact", ids: string[]) {
  return ids.map((entityId) => ({
    tenantId: ctx.tenant.id,
    entityType,
    entityId,
    action: "created",
    actorId: ctx.user.id,
    changes: { importJob: { from: null, to: jobId } },
  }));
}

async function insertCustomers(tx: Tx, ctx: MemberContext, jobId: string, rows: PreparedRow[]): Promise<number> {
  const data = rows.flatMap((row) => (row.customer ? [row.customer] : []));
  if (data.length === 0) return 0;
  const created = await tx.customer.createManyAndReturn({
    data: data.map((input) => ({
      ...input,
      tenantId: ctx.tenant.id,
      searchText: customerSearchText(input, []),
      createdById: ctx.user.id,
    })),
    select: { id: true },
  });
  await tx.recordChange.createMany({ data: createdEntries(ctx, jobId, "customer", created.map((c) => c.id)) });
  return created.length;
}

async function insertContacts(tx: Tx, ctx: MemberContext, jobId: string, rows: PreparedRow[], ownerId: string): Promise<number> {
  const contacts = rows.flatMap((row) => (row.contact ? [row.contact] : []));
  if (contacts.length === 0) return 0;
  // Customers the file names but the workspace lacks ("create missing customers"), once per name;
  // an earlier chunk may have created some already.
  const missing = [...new Set(contacts.filter((c) => c.customerName).map((c) => c.customerName!))];
  const idsByName = new Map<string, string>();
  if (missing.length > 0) {
    const existing = await tx.customer.findMany({ where: { deletedAt: null, name: { in: missing, mode: "insensitive" } }, select: { id: true, name: true } });
    for (const customer of existing) if (!idsByName.has(customer.name.toLowerCase())) idsByName.set(customer.name.toLowerCase(), customer.id);
    const toCreate = [...new Map(missing.filter((name) => !idsByName.has(name.toLowerCase())).map((name) => [name.toLowerCase(), name])).values()];
    if (toCreate.length > 0) {
      const made = await tx.customer.createManyAndReturn({
        data: toCreate.map((name) => ({ tenantId: ctx.tenant.id, name, ownerId, createdById: ctx.user.id, searchText: customerSearchText({ name }, []) })),
        select: { id: true, name: true },
      });
      for (const customer of made) idsByName.set(customer.name.toLowerCase(), customer.id);
      await tx.recordChange.createMany({ data: createdEntries(ctx, jobId, "customer", made.map((c) => c.id)) });
    }
  }
  const data = contacts.map(({ customerName, ...contact }) => ({
    ...contact,
    customerId: customerName ? idsByName.get(customerName.toLowerCase())! : contact.customerId,
    tenantId: ctx.tenant.id,
    searchText: contactSearchText(contact),
    createdById: ctx.user.id,
  }));
  const created = await tx.contact.createManyAndReturn({ data, select: { id: true } });
  await tx.recordChange.createMany({ data: createdEntries(ctx, jobId, "contact", created.map((c) => c.id)) });
  await refreshCustomerSearchText(tx, [...new Set(data.map((c) => c.customerId))]);
  return created.length;
}

/** A customer's searchText includes its contacts' names, emails and phones: recompute it for these. */
async function refreshCustomerSearchText(tx: Tx, customerIds: string[]): Promise<void> {
  const customers = await tx.customer.findMany({
    where: { id: { in: customerIds } },
    select: { id: true, name: true, website: true, phone: true, city: true, contacts: { where: { deletedAt: null }, select: { name: true, email: true, phone: true, mobile: true } } },
  });
  if (customers.length === 0) return;
  const ids = customers.map((c) => c.id);
  const texts = customers.map((c) => customerSearchText(c, c.contacts));
  await tx.$tenantExecute(
    (tenant) => Prisma.sql`
    UPDATE "Customer" AS c SET "searchText" = v.text
    FROM unnest(${ids}::text[], ${texts}::text[]) AS v(id, text)
    WHERE c."tenantId" = ${tenant} AND c.id = v.id`,
  );
}

/** The rejected rows as a CSV: the file's own columns, then the line number and the reasons. */
function errorReport(locale: string | null, kind: ImportRequest["kind"], header: string[], rejected: { row: PreparedRow; problems: RowProblem[] }[]): string {
  const chosen = isLocale(locale) ? locale : "en";
  const t: RootTranslator = createTranslator({ locale: chosen, messages: MESSAGES[chosen], onError: () => {}, getMessageFallback: ({ key }) => key });
  const width = Math.max(header.length, ...rejected.map((r) => r.row.cells.length));
  const columns = Array.from({ length: width }, (_, i) => header[i] || `${t("imports.report.column")} ${i + 1}`);
  const rows: CsvValue[][] = rejected
    .sort((a, b) => a.row.line - b.row.line)
    .map(({ row, problems }) => [
      ...Array.from({ length: width }, (_, i) => row.cells[i] ?? ""),
      row.line,
      problems.map((problem) => describeProblem(t, kind, problem)).join("; "),
    ]);
  return csvDocument([...columns, t("imports.report.line"), t("imports.report.error")], rows);
}

// A problem's key and field are data (zod's messages, the file's columns): shown as they are when
// this build has no words for them, as the page does.
function describeProblem(t: RootTranslator, kind: ImportRequest["kind"], problem: RowProblem): string {
  const messageKey = `errors.${problem.key}`;
  const message = isMessageKey(t, messageKey) ? t(messageKey, problem.values) : problem.key;
  if (problem.field === "row") return message;
  const fieldKey = `imports.fields.${kind}.${problem.field}`;
  return `${isMessageKey(t, fieldKey) ? t(fieldKey) : problem.field}: ${message}`;
}
