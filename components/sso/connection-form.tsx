"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { FieldMessages, describedBy } from "@/components/settings/settings-fields";
import { buttonStyles } from "@/components/ui/button-styles";
import { inputClass } from "@/components/ui/input-styles";
import { ssoConnectionSchema } from "@/lib/validation/sso";

export type ConnectionFormValues = {
  id?: string;
  kind: "OIDC" | "GOOGLE" | "ENTRA" | "WECOM" | "DINGTALK" | "FEISHU";
  displayName: string;
  issuer: string;
  providerTenant: string;
  authority: string;
  clientId: string;
  allowedDomains: string;
  jitProvisioning: boolean;
  jitRole: string;
  trustIdpMfa: boolean;
  ssoRequired: boolean;
};

const labelClass = "mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200";
const hintClass = "mt-1.5 text-sm text-slate-600 dark:text-slate-400";

function Field({
  name,
  label,
  hint,
  errors,
  ...input
}: { name: string; label: string; hint?: string; errors?: string[] } & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name">) {
  const id = `${name}-${useId()}`;
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        name={name}
        className={inputClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(errors?.length && `${id}-error`, hint && `${id}-hint`)}
        {...input}
      />
      {hint ? (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
      <FieldMessages id={`${id}-error`} messages={errors} />
    </div>
  );
}

function Checkbox({ name, label, hint, defaultChecked }: { name: string; label: string; hint?: string; defaultChecked: boolean }) {
  const id = `${name}-${useId()}`;
  return (
    <div className="flex gap-3">
      <input id={id} name={name} type="checkbox" defaultChecked={defaultChecked} className="mt-1 size-4" aria-describedby={hint ? `${id}-hint` : undefined} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800 dark:text-slate-200">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-sm text-slate-600 dark:text-slate-400">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Adds a connection or edits one (the client secret left blank keeps the stored one). */
export function ConnectionForm({ action, saved, roles }: { action: FormAction; saved: ConnectionFormValues; roles: { value: string; label: string }[] }) {
  const t = useTranslations("sso.form");
  const form = useActionForm(action, ssoConnectionSchema);
  const posted = form.state.status === "error" ? form.state.values : {};
  const [kind, setKind] = useState<ConnectionFormValues["kind"]>((posted.kind as ConnectionFormValues["kind"]) ?? saved.kind);
  const value = (name: keyof ConnectionFormValues) => posted[name] ?? String(saved[name] ?? "");
  const kindId = `kind-${useId()}`;
  const roleId = `role-${useId()}`;
  const editing = Boolean(saved.id);

  return (
    <form {...form.formProps} className="space-y-5" data-testid={editing ? `sso-edit-${saved.id}` : "sso-add"}>
      {saved.id ? <input type="hidden" name="id" value={saved.id} /> : null}
      <div>
        <label htmlFor={kindId} className={labelClass}>
          {t("kind")}
        </label>
        <select id={kindId} name="kind" value={kind} onChange={(event) => setKind(event.target.value as ConnectionFormValues["kind"])} className={inputClass}>
          <option value="OIDC">{t("kinds.OIDC")}</option>
          <option value="GOOGLE">{t("kinds.GOOGLE")}</option>
          <option value="ENTRA">{t("kinds.ENTRA")}</option>
          <option value="WECOM">{t("kinds.WECOM")}</option>
          <option value="DINGTALK">{t("kinds.DINGTALK")}</option>
          <option value="FEISHU">{t("kinds.FEISHU")}</option>
        </select>
      </div>
      <Field name="displayName" label={t("displayName")} hint={t("displayNameHint")} defaultValue={value("displayName")} errors={form.fieldErrors.displayName} maxLength={60} />
      {kind === "OIDC" ? (
        <Field name="issuer" label={t("issuer")} hint={t("issuerHint")} defaultValue={value("issuer")} errors={form.fieldErrors.issuer} inputMode="url" spellCheck={false} autoCapitalize="none" />
      ) : (
        <>
          <Field
            name="providerTenant"
            label={t(`providerTenantLabel.${kind}`)}
            hint={t(`providerTenantHint.${kind}`)}
            defaultValue={value("providerTenant")}
            errors={form.fieldErrors.providerTenant}
            spellCheck={false}
            autoCapitalize="none"
          />
          <details className="rounded-lg border border-slate-200 px-4 py-3 dark:border-slate-700" open={Boolean(value("authority")) || undefined}>
            <summary className="cursor-pointer text-sm font-medium text-slate-800 dark:text-slate-200">{t("advanced")}</summary>
            <div className="mt-3">
              <Field name="authority" label={t("authority")} hint={t(`authorityHint.${kind}`)} defaultValue={value("authority")} errors={form.fieldErrors.authority} inputMode="url" spellCheck={false} autoCapitalize="none" />
            </div>
          </details>
        </>
      )}
      <Field name="clientId" label={t(`clientIdLabel.${kind}`)} defaultValue={value("clientId")} errors={form.fieldErrors.clientId} spellCheck={false} autoCapitalize="none" autoComplete="off" />
      <Field
        name="clientSecret"
        type="password"
        label={t("clientSecret")}
        hint={editing ? t("clientSecretKeep") : t("clientSecretHint")}
        defaultValue=""
        errors={form.fieldErrors.clientSecret}
        autoComplete="new-password"
      />
      <Field name="allowedDomains" label={t("allowedDomains")} hint={t("allowedDomainsHint")} defaultValue={value("allowedDomains")} errors={form.fieldErrors.allowedDomains} spellCheck={false} autoCapitalize="none" />
      <Checkbox name="jitProvisioning" label={t("jit")} hint={t("jitHint")} defaultChecked={saved.jitProvisioning} />
      <div>
        <label htmlFor={roleId} className={labelClass}>
          {t("jitRole")}
        </label>
        <select id={roleId} name="jitRole" defaultValue={value("jitRole")} className={inputClass}>
          {roles.map((role) => (
            <option key={role.value} value={role.value}>
              {role.label}
            </option>
          ))}
        </select>
      </div>
      <Checkbox name="trustIdpMfa" label={t("trustIdpMfa")} hint={t("trustIdpMfaHint")} defaultChecked={saved.trustIdpMfa} />
      <Checkbox name="ssoRequired" label={t("ssoRequired")} hint={t("ssoRequiredHint")} defaultChecked={saved.ssoRequired} />
      {editing ? <p className={hintClass}>{t("protocolChangeNote")}</p> : null}
      <FormStatus state={form.state} errorCount={form.errorCount} successMessage={t(form.state.message === "created" ? "created" : "saved")} />
      <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
        {editing ? t("save") : t("add")}
      </button>
    </form>
  );
}
