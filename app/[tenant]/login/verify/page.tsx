import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireSignedIn } from "@/lib/auth/current-member";
import { stepPath } from "@/lib/auth/session-restriction";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { listSecondFactors, usableAfter } from "@/lib/auth/second-factors";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { SecondFactorCodeForm } from "@/components/mfa/second-factor-code-form";
import { FactorChoices, availableMethods, type FactorMethod } from "@/components/mfa/factor-choices";
import { PasskeyFactor } from "@/components/mfa/passkey-factor";
import { signOutAction } from "@/lib/actions/sign-out-action";
import { sendSignInSmsAction, verifySignInCodeAction, sendSignInEmailCodeAction } from "./actions";
import { mailboxHref } from "@/lib/config";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ method?: string; next?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signInVerify"))("title") };
}

// The second step of signing in: the password (or emailed link) was right and the member has a
// second factor, or must have one. Nothing else in the workspace opens until it is given.
export default async function SignInVerifyPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const { method, next } = await searchParams;
  const member = await requireSignedIn(tenant);
  if (member.restriction !== "second-factor") redirect(member.restriction ? stepPath(tenant, member.restriction, next) : safeReturnPath(tenant, next));
  const [t, policy] = await Promise.all([getTranslations("signInVerify"), getMfaPolicy(member.tenant.id)]);
  const factors = usableAfter(await listSecondFactors(member.tenant.id, member.user.id, policy), member.amr);
  const methods = availableMethods(factors);
  const chosen: FactorMethod | undefined = methods.find((m) => m === method) ?? methods[0];
  const slug = member.tenant.slug;
  const nextValue = typeof next === "string" && next ? safeReturnPath(slug, next) : "";
  const hidden: Record<string, string> = nextValue ? { next: nextValue } : {};
  const hrefFor = (m: FactorMethod) => `/${slug}/login/verify?method=${m}${nextValue ? `&next=${encodeURIComponent(nextValue)}` : ""}`;
  const boundVerify = verifySignInCodeAction.bind(null, slug);
  const lead =
    chosen === "totp" ? t("leadTotp") : chosen === "sms" ? t("leadSms") : chosen === "email" ? t("leadEmailCode") : chosen === "passkey" ? t("leadPasskey") : chosen === "recovery-code" ? t("leadRecoveryCode") : undefined;

  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("title")} lead={lead} />
        {!chosen || chosen === "password" ? (
          <Notice tone="error">{t("noFactorLeft")}</Notice>
        ) : chosen === "passkey" ? (
          <PasskeyFactor slug={slug} next={nextValue} allowRemember={policy.allowRememberDevice} purpose="sign-in" />
        ) : (
          <SecondFactorCodeForm
            key={chosen}
            action={boundVerify}
            sendSmsAction={chosen === "sms" ? sendSignInSmsAction.bind(null, slug) : undefined}
            method={chosen}
            hidden={hidden}
            allowRemember={policy.allowRememberDevice}
            phone={factors.phone}
            sendEmailAction={chosen === "email" ? sendSignInEmailCodeAction.bind(null, slug) : undefined}
            email={member.user.email}
            mailboxHref={mailboxHref()}
          />
        )}
        {chosen ? <FactorChoices current={chosen} available={methods} hrefFor={hrefFor} /> : null}
        <form action={signOutAction.bind(null, slug)} className="mt-6 border-t border-slate-200 pt-4 text-center dark:border-slate-800">
          <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">{t("signedInAs", { email: member.user.email })}</p>
          <button type="submit" className="min-h-9 text-sm font-semibold text-slate-700 underline dark:text-slate-300">
            {t("useAnotherAccount")}
          </button>
        </form>
      </Card>
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">{t("lostFactorHelp")}</p>
    </PublicShell>
  );
}
