import { headers } from "next/headers";
import { getFormatter, getTranslations } from "next-intl/server";
import type { MemberContext } from "@/lib/auth/current-member";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { defaultPasskeyName } from "@/lib/auth/passkeys/names";
import { listOwnPasskeys } from "@/lib/dal/passkeys/own-passkeys";
import { Card } from "@/components/ui/card";
import { AddPasskeyForm } from "@/components/passkeys/add-passkey-form";
import { PasskeyRowActions, type PasskeyRowFormActions } from "@/components/passkeys/passkey-row-actions";
import { deletePasskeyAction, renamePasskeyAction } from "@/app/[tenant]/(app)/security/passkey-actions";

/** The security page's "Passkeys" card: the member's passkeys (rename, delete) and "Add a passkey". */
export async function PasskeysSection({ member }: { member: MemberContext }) {
  const [t, tMfa, format, passkeys, policy, requestHeaders] = await Promise.all([
    getTranslations("passkeys"),
    getTranslations("mfa"),
    getFormatter(),
    listOwnPasskeys(member),
    getMfaPolicy(member.tenant.id),
    headers(),
  ]);
  const slug = member.tenant.slug;
  // Bound once, on the server, for every row (the passkey id travels in the row's hidden input).
  const rowActions: PasskeyRowFormActions = { rename: renamePasskeyAction.bind(null, slug), remove: deletePasskeyAction.bind(null, slug) };
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const allowed = policy.allowPasskey || policy.allowPasskeyAsFactor;
  return (
    <Card>
      <section aria-labelledby="passkeys-title" data-testid="passkeys-section">
        <h2 id="passkeys-title" className="text-lg font-semibold">
          {t("sectionTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t("sectionLead")}</p>
        <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400" data-testid="passkey-both-steps">
          {tMfa("passkeyBothSteps")}
        </p>
        {passkeys.length === 0 ? (
          <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{t("none")}</p>
        ) : (
          <ul className="mb-4 divide-y divide-slate-200 dark:divide-slate-800" aria-label={t("listCaption")} data-testid="passkey-list">
            {passkeys.map((passkey) => (
              <li key={passkey.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-start" data-testid="passkey-row">
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 font-medium">
                    <span className="break-words" data-testid="passkey-name">
                      {passkey.name}
                    </span>
                    <span
                      className={
                        passkey.synced
                          ? "rounded-full bg-sky-100 px-2 py-0.5 text-xs font-semibold text-sky-900 dark:bg-sky-950 dark:text-sky-200"
                          : "rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-800 dark:text-slate-200"
                      }
                      title={passkey.synced ? (passkey.provider ? t("syncedHint", { provider: passkey.provider }) : t("syncedHintGeneric")) : t("deviceBoundHint")}
                    >
                      {passkey.synced ? t("synced") : t("deviceBound")}
                    </span>
                  </p>
                  <p className="text-sm text-slate-600 dark:text-slate-400">
                    {t("created", { date: when(passkey.createdAt) })} · {passkey.lastUsedAt ? t("lastUsed", { date: when(passkey.lastUsedAt) }) : t("neverUsed")}
                  </p>
                </div>
                <PasskeyRowActions actions={rowActions} passkey={{ id: passkey.id, name: passkey.name }} />
              </li>
            ))}
          </ul>
        )}
        {allowed ? (
          <AddPasskeyForm slug={slug} defaultName={defaultPasskeyName(requestHeaders.get("user-agent"))} account={member.user.email} workspaceName={member.tenant.name} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t("disabled")}</p>
        )}
      </section>
    </Card>
  );
}
