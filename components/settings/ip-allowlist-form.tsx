"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { inputClass } from "@/components/ui/input-styles";
import { buttonStyles } from "@/components/ui/button-styles";
import { IP_ALLOWLIST_MAX_ENTRIES, normaliseIpAllowlist } from "@/lib/validation/security-policy";
import { describedBy, FieldMessages, InfoNote, SettingsSection, useSavedValues } from "./settings-fields";

// No schema in the browser: whether a line is an address range is checked with node:net on the
// server (lib/auth/ip-allowlist), which reports every malformed line by its number.
export function IpAllowlistForm({ action, saved, currentIp }: { action: FormAction; saved: string[]; currentIp: string | null }) {
  const t = useTranslations("settings.security.network");
  const form = useActionForm(action);
  const [values, setValues] = useSavedValues({ ipAllowlist: saved.join("\n") }, form.state);
  const text = values.ipAllowlist ?? "";
  const autoId = useId();
  const inputId = `ip-allowlist-${autoId}`;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const currentId = `${inputId}-current`;
  const errors = form.fieldErrors.ipAllowlist;
  const entries = normaliseIpAllowlist(text);
  const hasCurrentIp = currentIp ? entries.some(({ entry }) => entry === currentIp.toLowerCase()) : true;

  const addMyAddress = () => {
    if (!currentIp) return;
    const trimmed = text.replace(/\s+$/, "");
    setValues({ ipAllowlist: trimmed ? `${trimmed}\n${currentIp}` : currentIp });
  };

  return (
    <SettingsSection
      id="ip-allowlist"
      title={t("title")}
      lead={t("lead")}
      saveLabel={t("save")}
      savedMessage={t("saved")}
      state={form.state}
      errorCount={form.errorCount}
      pending={form.pending}
      formProps={form.formProps}
    >
      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 px-4 py-3 sm:flex-row sm:items-center dark:border-slate-700">
        <p id={currentId} className="min-w-0 flex-1 text-sm text-slate-700 dark:text-slate-300">
          {currentIp ? t("currentIp") : t("currentIpUnknown")}{" "}
          {currentIp ? (
            <strong className="break-all font-mono text-base font-semibold text-slate-900 dark:text-white" data-testid="current-ip">
              {currentIp}
            </strong>
          ) : null}
        </p>
        {currentIp && !hasCurrentIp ? (
          <button type="button" className={`${buttonStyles.secondary} ${buttonStyles.small} self-start sm:self-auto`} onClick={addMyAddress}>
            {t("addMyAddress")}
          </button>
        ) : null}
      </div>

      <div>
        <label htmlFor={inputId} className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
          {t("label")}
        </label>
        <p id={hintId} className="mb-2 text-sm text-slate-600 dark:text-slate-400">
          {t("hint", { max: IP_ALLOWLIST_MAX_ENTRIES })}
        </p>
        <textarea
          id={inputId}
          name="ipAllowlist"
          rows={6}
          value={text}
          onChange={(event) => setValues({ ipAllowlist: event.target.value })}
          spellCheck={false}
          autoCapitalize="none"
          autoCorrect="off"
          autoComplete="off"
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy(errors?.length && errorId, hintId, currentId)}
          className={`${inputClass} font-mono`}
        />
        <FieldMessages id={errorId} messages={errors} />
        <p className="mt-1.5 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {entries.length === 0 ? t("summaryAnywhere") : t("summaryCount", { count: entries.length, max: IP_ALLOWLIST_MAX_ENTRIES })}
        </p>
      </div>

      <InfoNote>{t("appliesNote")}</InfoNote>
    </SettingsSection>
  );
}
