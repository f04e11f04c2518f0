import "server-only";
import { recordAuditEvent } from "@/lib/auth/audit";
import { systemDb } from "@/lib/db/prisma";
import { fieldErrorsFrom } from "@/lib/forms/form-state";
import { crmSettingsSchema, type CrmSettings, type CrmSettingsInput } from "@/lib/validation/opportunity";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { settingsDiff, type SettingsChanges } from "../security-policy/shared";

// The workspace's CRM settings: whether Sales reps see only their own records, after how many days
// without activity an open opportunity gets a reminder (0 = never), the default currency, the
// country phone numbers typed without "+" are read in. They are
// columns of Tenant, which tenantDb() refuses (it is the tenant itself): the row is always the
// member's own workspace, named by the session's tenant id, never by anything the client sent.

const SELECT = { repsSeeOwnRecordsOnly: true, staleOpportunityDays: true, defaultCurrency: true, defaultCountry: true } as const;

/** Readable by every member (forms need the default currency and country); edited by crm.manageSettings. */
export type CrmSettingsView = Omit<CrmSettings, "defaultCurrency" | "defaultCountry"> & { defaultCurrency: string; defaultCountry: string };

export async function getCrmSettings(ctx: MemberContext): Promise<CrmSettingsView> {
  authorize(ctx, "records.read");
  return systemDb().tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: SELECT });
}

/** The country phone numbers typed without "+" are read in; every member enrolling a phone needs it. */
export async function workspaceDefaultCountry(ctx: MemberContext): Promise<string> {
  authorize(ctx, "workspace.view");
  const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { defaultCountry: true } });
  return tenant.defaultCountry;
}

export type UpdateCrmSettingsResult =
  | { ok: true; changes: SettingsChanges }
  | { ok: false; fieldErrors: Record<string, string[]> };

/** Validates every field first (nothing is written on any error); audited as crm.settings_changed with the diff. */
export async function updateCrmSettings(ctx: MemberContext, input: CrmSettingsInput, meta: RequestMeta): Promise<UpdateCrmSettingsResult> {
  authorize(ctx, "crm.manageSettings");
  const parsed = crmSettingsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
  const db = systemDb();
  const where = { id: ctx.tenant.id };
  const before = await db.tenant.findUniqueOrThrow({ where, select: SELECT });
  const after = { ...parsed.data, defaultCountry: parsed.data.defaultCountry ?? before.defaultCountry };
  const changes = settingsDiff(before, after);
  if (Object.keys(changes).length === 0) return { ok: true, changes };
  await db.tenant.update({ where, data: after });
  await recordAuditEvent({
    tenantId: ctx.tenant.id,
    type: "crm.settings_changed",
    actorUserId: ctx.user.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    data: { changes },
  });
  return { ok: true, changes };
}
