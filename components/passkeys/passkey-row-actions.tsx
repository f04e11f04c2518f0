"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { TextField } from "@/components/forms/fields";
import { buttonStyles } from "@/components/ui/button-styles";

/**
 * Rename and delete for one passkey, each behind a <details> so they work without JavaScript and
 * delete asks for confirmation before anything happens. The actions come bound to the workspace
 * from the server component that lists the passkeys (the passkey id is a hidden input).
 */
export type PasskeyRowFormActions = { rename: FormAction; remove: FormAction };

export function PasskeyRowActions({ actions, passkey }: { actions: PasskeyRowFormActions; passkey: { id: string; name: string } }) {
  const t = useTranslations("passkeys");
  const rename = useActionForm(actions.rename);
  const remove = useActionForm(actions.remove);
  const confirmId = useId();
  return (
    <div className="flex flex-wrap items-start gap-2">
      <details className="group">
        <summary className={`${buttonStyles.secondary} ${buttonStyles.small} cursor-pointer list-none`}>{t("rename")}</summary>
        <form {...rename.formProps} className="mt-2 w-full space-y-2 sm:w-72">
          <input type="hidden" name="passkeyId" value={passkey.id} />
          <TextField
            label={t("renameLabel", { name: passkey.name })}
            name="name"
            defaultValue={rename.value("name") ?? passkey.name}
            maxLength={60}
            required
            error={rename.error("name")}
          />
          <button type="submit" className={`${buttonStyles.primary} ${buttonStyles.small}`} disabled={rename.pending}>
            {t("save")}
          </button>
          <FormStatus state={rename.state} errorCount={0} successMessage={rename.state.message && isMessageKey(t, rename.state.message) ? t(rename.state.message) : undefined} />
        </form>
      </details>
      <details className="group">
        <summary className={`${buttonStyles.danger} ${buttonStyles.small} cursor-pointer list-none`}>{t("delete")}</summary>
        <form {...remove.formProps} className="mt-2 w-full max-w-sm space-y-2 rounded-lg border border-red-200 bg-red-50 p-3 dark:border-red-900 dark:bg-red-950" aria-labelledby={confirmId}>
          <input type="hidden" name="passkeyId" value={passkey.id} />
          <p id={confirmId} className="text-sm font-semibold text-red-900 dark:text-red-100">
            {t("deleteConfirmTitle", { name: passkey.name })}
          </p>
          <p className="text-sm text-red-900 dark:text-red-100">{t("deleteConfirmBody")}</p>
          <button type="submit" className={`${buttonStyles.danger} ${buttonStyles.small}`} disabled={remove.pending}>
            {t("deleteConfirm")}
          </button>
          <FormStatus state={remove.state} errorCount={0} />
        </form>
      </details>
    </div>
  );
}
