import Link from "next/link";
import { getTranslations } from "next-intl/server";

export type FactorMethod = "totp" | "sms" | "email" | "passkey" | "recovery-code" | "password";

/** Links to the other ways the member can prove who they are ("Use a recovery code", …). */
export async function FactorChoices({ current, available, hrefFor }: { current: FactorMethod; available: FactorMethod[]; hrefFor: (method: FactorMethod) => string }) {
  const t = await getTranslations("signInVerify");
  const others = available.filter((method) => method !== current);
  if (others.length === 0) return null;
  const label: Record<FactorMethod, string> = {
    totp: t("useTotp"),
    sms: t("useSms"),
    email: t("useEmailCode"),
    passkey: t("usePasskey"),
    "recovery-code": t("useRecoveryCode"),
    password: t("usePassword"),
  };
  return (
    <nav aria-label={t("otherWays")} className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
      <h2 className="text-sm font-semibold text-slate-800 dark:text-slate-200">{t("otherWays")}</h2>
      <ul className="mt-2 space-y-1">
        {others.map((method) => (
          <li key={method}>
            <Link href={hrefFor(method)} className="inline-flex min-h-9 items-center text-sm font-semibold text-brand-700 underline dark:text-brand-300">
              {label[method]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The factors a member can use, in the order offered (the first is the default). The authenticator
 * app comes before a passkey: on a device without the passkey, the browser's prompt would only fail.
 */
export function availableMethods(factors: { totp: boolean; phone: string | null; passkeys: number; emailCode: boolean; recoveryCodesLeft: number }): FactorMethod[] {
  const methods: FactorMethod[] = [];
  if (factors.totp) methods.push("totp");
  if (factors.passkeys > 0) methods.push("passkey");
  if (factors.phone) methods.push("sms");
  if (factors.emailCode) methods.push("email");
  if (factors.recoveryCodesLeft > 0) methods.push("recovery-code");
  return methods;
}
