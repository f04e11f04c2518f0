"use client";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";

/** Turns a connection on (only after a passed test) or off. */
export function ToggleConnectionForm({ action, id, enabled, tested }: { action: FormAction; id: string; enabled: boolean; tested: boolean }) {
  const t = useTranslations("sso");
  const form = useActionForm(action);
  return (
    <form {...form.formProps} className="space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      <button type="submit" className={enabled ? buttonStyles.danger : buttonStyles.primary} disabled={form.pending || (!enabled && !tested)} data-testid={`sso-toggle-${id}`}>
        {enabled ? t("turnOff") : t("turnOn")}
      </button>
      {!enabled && !tested ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("testFirst")}</p> : null}
      <FormStatus state={form.state} errorCount={0} />
    </form>
  );
}
