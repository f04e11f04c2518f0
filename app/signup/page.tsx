import Link from "next/link";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/shell/public-shell";
import { Card, PageHeader } from "@/components/ui/card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { appUrl } from "@/lib/config";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signup"))("title") };
}

export default async function SignUpPage() {
  const t = await getTranslations("signup");
  return (
    <PublicShell>
      <Card>
        <PageHeader title={t("title")} lead={t("lead")} />
        <SignUpForm origin={appUrl().replace(/^https?:\/\//, "")} />
      </Card>
      <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400">
        {t("haveAccount")}{" "}
        <Link href="/login" className="font-semibold text-brand-700 underline dark:text-brand-300">
          {(await getTranslations("landing"))("signIn")}
        </Link>
      </p>
    </PublicShell>
  );
}
