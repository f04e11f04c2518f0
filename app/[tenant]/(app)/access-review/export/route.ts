import { authorizeExport, recordExport } from "@/lib/dal/audit/authorize-export";
import { listAccessReview } from "@/lib/dal/access-review/list-access-review";
import type { EnrolledAuthenticator } from "@/lib/dal/access-review/enrolled-authenticators";
import { csvDocument } from "@/lib/csv/csv-writer";
import { csvResponse, fileDate } from "@/lib/csv/csv-response";
import { englishTranslator } from "@/components/audit/audit-text";
import { logError } from "@/lib/log";

export const dynamic = "force-dynamic";

const HEADER = [
  "Name",
  "Email",
  "Employee number",
  "Role",
  "Status",
  "Last sign-in (UTC)",
  "Password changed (UTC)",
  "Password age (days)",
  "Password expired",
  "Second factors",
  "Passkeys",
  "Locked",
  "Locked until (UTC)",
  "Active sessions",
] as const;

/** The access review as CSV. One row per member, so it is built in one piece. */
export async function GET(_request: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  try {
    const access = await authorizeExport(slug, `/${slug}/access-review`);
    if (!access.ok && access.status === 303) return new Response(null, { status: 303, headers: { location: access.location, "cache-control": "no-store" } });
    if (!access.ok) return new Response(access.status === 401 ? "Sign in first." : "Forbidden.", { status: access.status, headers: { "cache-control": "no-store" } });
    const rows = await listAccessReview(access.member);
    await recordExport(access.member, "access review", "");
    const t = englishTranslator();
    const list = (items: EnrolledAuthenticator[]) => items.map((item) => item.label ?? t(`accessReview.factorKinds.${item.kind}`)).join("; ");
    const body = csvDocument(
      HEADER,
      rows.map((row) => [
        row.name,
        row.email,
        row.employeeNumber,
        t(`roles.${row.role}`),
        t(`accessReview.status${row.status}`),
        row.lastSignInAt,
        row.passwordChangedAt,
        row.passwordAgeDays,
        row.passwordExpired ? "yes" : "no",
        list(row.secondFactors),
        list(row.passkeys),
        row.locked ? "yes" : "no",
        row.locked ? (row.lockedUntilAdminUnlocks ? "until an admin unlocks" : row.lockedUntil) : null,
        row.activeSessions,
      ]),
    );
    return csvResponse(`access-review-${slug}-${fileDate()}.csv`, body);
  } catch (error) {
    const reference = logError("access-review-export", error);
    return new Response(`The export failed (reference ${reference}). Please try again.`, { status: 500, headers: { "cache-control": "no-store" } });
  }
}
