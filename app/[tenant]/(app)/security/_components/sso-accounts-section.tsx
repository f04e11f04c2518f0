import { getFormatter, getTranslations } from "next-intl/server";
import type { MemberContext } from "@/lib/auth/current-member";
import { listOwnSsoAccounts } from "@/lib/dal/sso/own-identities";
import { Card } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { AuthJsPostForm } from "@/components/sso/auth-js-post-form";

/** "Company accounts" on the security page: link this member's identity at each enabled connection. */
export async function SsoAccountsSection({ member }: { member: MemberContext }) {
  const accounts = await listOwnSsoAccounts(member);
  if (accounts.length === 0) return null;
  const [t, format] = await Promise.all([getTranslations("sso.accounts"), getFormatter()]);
  return (
    <Card>
      <section aria-labelledby="sso-accounts-title" className="space-y-4" data-testid="sso-accounts">
        <div>
          <h2 id="sso-accounts-title" className="text-lg font-semibold text-slate-900 dark:text-white">
            {t("title")}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("lead")}</p>
        </div>
        <ul className="space-y-3">
          {accounts.map((account) => (
            <li key={account.providerId} className="flex flex-wrap items-center justify-between gap-3">
              <span className="text-sm text-slate-800 dark:text-slate-200">
                {account.linkedAt
                  ? t("linked", { name: account.displayName, date: format.dateTime(account.linkedAt, { dateStyle: "medium" }) })
                  : t("notLinked", { name: account.displayName })}
              </span>
              {account.linkedAt ? null : (
                <AuthJsPostForm providerId={account.providerId} intent="link" buttonClassName={buttonStyles.secondary} testId={`sso-link-${account.providerId}`}>
                  {t("link", { name: account.displayName })}
                </AuthJsPostForm>
              )}
            </li>
          ))}
        </ul>
      </section>
    </Card>
  );
}
