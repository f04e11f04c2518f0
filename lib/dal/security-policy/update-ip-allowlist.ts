import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { ipAllowed } from "@/lib/auth/ip-allowlist";
import { issueMessage } from "@/lib/validation/security-policy";
import { recordPolicyChange, securityPolicyRow, serverIpAllowlistSchema, settingsDiff, validationFailure, policySaved, type UpdateSettingsResult } from "./shared";

/**
 * Saves "company network only": the textarea's text, one address or CIDR range per line. Lines
 * are trimmed, blank ones dropped and duplicates removed; an empty list allows access from
 * anywhere. Refused, with nothing written: any malformed line (each reported with its line
 * number), more than 100 entries, and a list that doesn't contain the admin's own current address
 * (`meta.ip`), which would lock them out on their next click. Audited as
 * policy.changed { section: "network", changes } when something changed.
 */
export async function updateIpAllowlist(ctx: MemberContext, input: { ipAllowlist: string }, meta: RequestMeta): Promise<UpdateSettingsResult> {
  const db = authorize(ctx, "workspace.manageSettings");
  const parsed = serverIpAllowlistSchema.safeParse(input);
  if (!parsed.success) return validationFailure(parsed.error);
  const ranges = parsed.data.ipAllowlist;
  if (ranges.length > 0 && !ipAllowed(meta.ip, ranges)) {
    const key = meta.ip ? issueMessage("settingsIpAllowlistLocksYouOut", { ip: meta.ip }) : "settingsIpAllowlistNoAddress";
    return { ok: false, fieldErrors: { ipAllowlist: [key] } };
  }
  const row = await securityPolicyRow(db, ctx.tenant.id);
  const changes = settingsDiff({ ipAllowlist: row.ipAllowlist }, { ipAllowlist: ranges });
  if (Object.keys(changes).length === 0) return policySaved(ctx, changes);
  await db.securityPolicy.update({ where: { tenantId: ctx.tenant.id }, data: { ipAllowlist: ranges } });
  await recordPolicyChange(ctx, "network", changes, meta);
  return policySaved(ctx, changes);
}
