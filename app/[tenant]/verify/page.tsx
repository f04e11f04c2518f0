import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { safeReturnPath } from "@/lib/auth/safe-return-path";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { listSecondFactors, usableAfter } from "@/lib/auth/second-factors";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { SecondFactorCodeForm } from "@/components/mfa/second-factor-code-form";
import { ReverifyPasswordForm } from "@/components/mfa/reverify-password-form";
import { FactorChoices, availableMethods, type FactorMethod } from "@/components/mfa/factor-choices";
import { reverifyWithCodeAction, reverifyWithPasswordAction, sendReverifySmsAction, sendReverifyEmailCodeAction } from "./actions";
import { mailboxHref } from "@/lib/config";

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ method?: string; returnTo?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reverify"))("title") };
}

// "Confirm it's you" before a sensitive action whose member last proved who they are more than ten
// minutes ago (lib/auth/reverify.ts). With a second factor if they have one, else the password.
export default async function ReverifyPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const { method, returnTo } = await searchParams;
  const member = await requireMember(tenant, `/${tenant}/verify`);
  const slug = member.tenant.slug;
  const back = safeReturnPath(slug, typeof returnTo === "string" ? returnTo : null);
  const [t, policy] = await Promise.all([getTranslations("reverify"), getMfaPolicy(member.tenant.id)]);
  const factors = usableAfter(await listSecondFactors(member.tenant.id, member.user.id, policy), member.amr);
  // Passkey re-verification happens on the passkeys section itself (its own WebAuthn ceremony);
  // here the typed factors, or the password for members without any.
  const methods = availableMethods(factors).filter((m) => m !== "passkey");
  const chosen: FactorMethod = methods.find((m) => m === method) ?? methods[0] ?? "password";
  const hrefFor = (m: FactorMethod) => `/${slug}/verify?method=${m}&returnTo=${encodeURIComponent(back)}`;

  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("title")} lead={t("lead")} />
        {chosen === "password" ? (
          <ReverifyPasswordForm action={reverifyWithPasswordAction.bind(null, slug)} returnTo={back} />
        ) : (
          <SecondFactorCodeForm
            key={chosen}
            action={reverifyWithCodeAction.bind(null, slug)}
            sendSmsAction={chosen === "sms" ? sendReverifySmsAction.bind(null, slug) : undefined}
            method={chosen}
            hidden={{ returnTo: back }}
            allowRemember={false}
            phone={factors.phone}
            sendEmailAction={chosen === "email" ? sendReverifyEmailCodeAction.bind(null, slug) : undefined}
            email={member.user.email}
            mailboxHref={mailboxHref()}
          />
        )}
        <FactorChoices current={chosen} available={methods} hrefFor={hrefFor} />
        <p className="mt-6 text-center">
          <Link href={back} className="text-sm font-semibold text-slate-700 underline dark:text-slate-300">
            {t("cancel")}
          </Link>
        </p>
      </Card>
    </PublicShell>
  );
}
