import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireSignedIn } from "@/lib/auth/current-member";
import { stepPath } from "@/lib/auth/session-restriction";
import { passwordRulesFor } from "@/lib/auth/password-policy-for";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { ForcedPasswordChangeForm } from "@/components/security/forced-password-change-form";
import { signOutAction } from "@/lib/actions/sign-out-action";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { forcedPasswordChangeAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("changePassword"))("forcedTitle") };
}

// Right after a correct password that has expired or no longer meets the policy: nothing else in
// the workspace opens until a new one is set (requireMember sends every other page here).
export default async function ForcedPasswordChangePage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ next?: string }> }) {
  const { tenant } = await params;
  const { next } = await searchParams;
  const member = await requireSignedIn(tenant);
  if (member.restriction !== "password-change") redirect(member.restriction ? stepPath(tenant, member.restriction, next) : `/${tenant}/security`);
  const returnTo = safeReturnPath(tenant, typeof next === "string" ? next : null);
  const [t, rules] = await Promise.all([getTranslations("changePassword"), passwordRulesFor(member)]);
  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("forcedTitle")} lead={t("forcedLead", { workspace: member.tenant.name })} />
        <ForcedPasswordChangeForm action={forcedPasswordChangeAction.bind(null, member.tenant.slug)} policy={rules.policy} context={rules.context} next={returnTo} />
        <form action={signOutAction.bind(null, member.tenant.slug)} className="mt-4 text-center">
          <button type="submit" className="text-sm font-medium text-slate-600 underline dark:text-slate-400">
            {t("signOutInstead")}
          </button>
        </form>
      </Card>
    </PublicShell>
  );
}
