import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { SecurityChecklist as Checklist } from "@/lib/dal/mfa/security-checklist";
import { Card } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { RecoveryCodesButton } from "@/components/mfa/recovery-codes-button";
import type { BoundAction } from "@/components/mfa/types";

type Item = { key: string; done: boolean; text: string; action: ReactNode | null };

/** The member's own security checklist: each line says what is true now and offers its one action. */
export async function SecurityChecklist({
  checklist,
  regenerateAction,
  account,
  workspaceName,
  securityPath,
}: {
  checklist: Checklist;
  regenerateAction: BoundAction;
  account: string;
  workspaceName: string;
  securityPath: string;
}) {
  const t = await getTranslations("mfa.checklist");
  const link = (href: string, label: string) => (
    <a href={href} className={`${buttonStyles.secondary} ${buttonStyles.small}`}>
      {label}
    </a>
  );
  const { password } = checklist;
  const items: Item[] = [
    { key: "two-step", done: checklist.twoStepOn, text: checklist.twoStepOn ? t("twoStepOn") : t("twoStepOff"), action: checklist.twoStepOn ? null : link("#mfa-title", t("twoStepAction")) },
    {
      key: "passkey",
      done: checklist.passkeys > 0,
      text: checklist.passkeys > 0 ? t("passkeyAdded", { count: checklist.passkeys }) : t("passkeyNone"),
      action: checklist.passkeys > 0 ? null : link("#passkeys-title", t("passkeyAction")),
    },
    {
      key: "password",
      done: !password.expired,
      text: password.expired
        ? t("passwordExpired", { max: password.maxAgeDays })
        : password.maxAgeDays > 0
          ? t("passwordAgeMax", { days: password.ageDays, max: password.maxAgeDays })
          : t("passwordAge", { days: password.ageDays }),
      action: link("#password-title", t("passwordAction")),
    },
  ];
  // Recovery codes only exist beside a second factor; without one, the first item says what to do.
  if (checklist.twoStepOn) {
    items.push({
      key: "recovery-codes",
      done: checklist.recoveryCodesLeft > 2,
      text: t("recoveryLeft", { count: checklist.recoveryCodesLeft }),
      action: <RecoveryCodesButton action={regenerateAction} label={t("recoveryAction")} account={account} workspaceName={workspaceName} doneHref={securityPath} />,
    });
  }
  items.push({
    key: "sessions",
    done: checklist.otherSessions === 0,
    text: t("sessionsOther", { count: checklist.otherSessions }),
    action: checklist.otherSessions > 0 ? link("#sessions-title", t("sessionsAction")) : null,
  });

  return (
    <Card>
      <section aria-labelledby="checklist-title" data-testid="security-checklist">
        <h2 id="checklist-title" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{t("lead")}</p>
        <ul className="divide-y divide-slate-200 dark:divide-slate-800">
          {items.map((item) => (
            <li key={item.key} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center" data-testid={`checklist-${item.key}`} data-done={item.done ? "true" : "false"}>
              <p className="flex min-w-0 flex-1 items-start gap-3 text-sm text-slate-800 dark:text-slate-200">
                <span
                  className={
                    item.done
                      ? "mt-0.5 shrink-0 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
                      : "mt-0.5 shrink-0 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-200"
                  }
                >
                  {item.done ? t("done") : t("todo")}
                </span>
                <span>{item.text}</span>
              </p>
              {item.action ? <div className="shrink-0 sm:ml-4">{item.action}</div> : null}
            </li>
          ))}
        </ul>
      </section>
    </Card>
  );
}
