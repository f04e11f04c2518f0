"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { FormStatus } from "@/components/forms/form-status";
import { buttonStyles } from "@/components/ui/button-styles";
import { compactSelectClass, inputClass } from "@/components/ui/input-styles";
import { isMessageKey } from "@/lib/i18n/message-keys";
import { DASHBOARD_AUDIENCES, DASHBOARD_RANGES, type DashboardAudience, type DashboardRange } from "@/lib/reports/dashboard-cards";

// The home dashboard's controls. Every change is a small form posting to its server action (bound
// to the workspace in the page), so it works without JavaScript too; with it, the page redraws in
// place and focus stays on the button pressed (cards are keyed by their id, so a moved card keeps
// its DOM node and the focused button moves with it).

const small = `${buttonStyles.secondary} ${buttonStyles.small}`;

/** One button in its own form, with the outcome announced beside it. */
function ButtonForm({
  action,
  fields,
  label,
  srLabel,
  disabled,
  testId,
  variant = small,
}: {
  action: FormAction;
  fields: Record<string, string>;
  label: string;
  srLabel?: string;
  disabled?: boolean;
  testId?: string;
  variant?: string;
}) {
  const form = useActionForm(action);
  return (
    <form {...form.formProps} className="contents">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {/* Not disabled while the change is sent: a disabled button loses focus, and the keyboard
          user moving a card would have to find it again. A second press meanwhile is ignored. */}
      <button
        type="submit"
        className={variant}
        disabled={disabled}
        aria-disabled={form.pending || undefined}
        onClick={(event) => {
          if (form.pending) event.preventDefault();
        }}
        data-testid={testId}
      >
        {label}
        {srLabel ? <span className="sr-only"> {srLabel}</span> : null}
      </button>
      {form.state.formError ? (
        <span className="basis-full">
          <FormStatus state={form.state} errorCount={0} />
        </span>
      ) : null}
    </form>
  );
}

export type CardToolbarActions = { move: FormAction; remove: FormAction; filters: FormAction };

/** Under a card while editing: its place, up / down / remove, and its own filters. */
export function CardToolbar({
  cardId,
  title,
  position,
  count,
  range,
  ownerId,
  owners,
  actions,
}: {
  cardId: string;
  title: string;
  position: number;
  count: number;
  range: DashboardRange;
  ownerId: string | null;
  owners: { id: string; name: string }[];
  actions: CardToolbarActions;
}) {
  const t = useTranslations("dashboard.board");
  const tReports = useTranslations("reports");
  const filters = useActionForm(actions.filters);
  const id = useId();
  const cardLabel = t("cardLabel", { title });
  return (
    <div className="mt-3 space-y-3 rounded-xl border border-dashed border-slate-300 p-3 dark:border-slate-700" data-testid={`dashboard-toolbar-${cardId}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-auto text-sm text-slate-600 dark:text-slate-400" data-testid="card-position">
          {t("position", { position, count })}
        </span>
        <ButtonForm action={actions.move} fields={{ cardId, direction: "up" }} label={t("moveUp")} srLabel={cardLabel} disabled={position === 1} testId={`move-up-${cardId}`} />
        <ButtonForm action={actions.move} fields={{ cardId, direction: "down" }} label={t("moveDown")} srLabel={cardLabel} disabled={position === count} testId={`move-down-${cardId}`} />
        <ButtonForm action={actions.remove} fields={{ cardId }} label={t("remove")} srLabel={cardLabel} testId={`remove-${cardId}`} variant={`${buttonStyles.danger} ${buttonStyles.small}`} />
      </div>
      <form {...filters.formProps} aria-label={t("filtersOf", { title })} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="cardId" value={cardId} />
        <div>
          <label htmlFor={`${id}-range`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
            {t("range")}
          </label>
          <select id={`${id}-range`} name="range" defaultValue={filters.value("range") ?? range} className={compactSelectClass}>
            {DASHBOARD_RANGES.map((preset) => (
              <option key={preset} value={preset}>
                {tReports(`presets.${preset}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-owner`} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
            {t("owner")}
          </label>
          <select id={`${id}-owner`} name="owner" defaultValue={filters.value("owner") ?? ownerId ?? ""} className={compactSelectClass}>
            <option value="">{t("everyone")}</option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={small} disabled={filters.pending} data-testid={`apply-${cardId}`}>
          {t("applyFilters")}
          <span className="sr-only"> {cardLabel}</span>
        </button>
        <span className="basis-full empty:hidden">
          <FormStatus state={filters.state} errorCount={filters.errorCount} />
        </span>
      </form>
    </div>
  );
}

/** Adds a report card at the end. */
export function AddCardForm({ action, reports, full }: { action: FormAction; reports: { id: string; title: string }[]; full: boolean }) {
  const t = useTranslations("dashboard.board");
  const form = useActionForm(action);
  const id = useId();
  return (
    <form {...form.formProps} className="flex flex-wrap items-end gap-3" aria-label={t("addTitle")} data-testid="dashboard-add">
      <div>
        <label htmlFor={`${id}-report`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t("addLabel")}
        </label>
        <select id={`${id}-report`} name="report" defaultValue={form.value("report")} className={compactSelectClass}>
          {reports.map((report) => (
            <option key={report.id} value={report.id}>
              {report.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonStyles.primary} disabled={full || form.pending}>
        {t("add")}
      </button>
      {full ? <p className="basis-full text-sm text-slate-600 dark:text-slate-400">{t("full", { max: 12 })}</p> : null}
      <span className="basis-full empty:hidden">
        <FormStatus state={form.state} errorCount={form.errorCount} />
      </span>
    </form>
  );
}

/** Which dashboard the home shows: the member's own or a published one. */
export function DashboardSwitcher({ action, shared, showingId }: { action: FormAction; shared: { id: string; name: string }[]; showingId: string | null }) {
  const t = useTranslations("dashboard.board");
  const form = useActionForm(action);
  const id = useId();
  return (
    <form {...form.formProps} className="flex flex-wrap items-end gap-2" data-testid="dashboard-switcher">
      <div>
        <label htmlFor={`${id}-dashboard`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          {t("switchLabel")}
        </label>
        <select key={showingId ?? "own"} id={`${id}-dashboard`} name="dashboard" defaultValue={showingId ?? ""} className={compactSelectClass}>
          <option value="">{t("own")}</option>
          {shared.map((dashboard) => (
            <option key={dashboard.id} value={dashboard.id}>
              {dashboard.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={small} disabled={form.pending}>
        {t("show")}
      </button>
      <span className="basis-full empty:hidden">
        <FormStatus state={form.state} errorCount={form.errorCount} />
      </span>
    </form>
  );
}

/** Back to the member's own dashboard from a published one. */
export function ShowOwnButton({ action }: { action: FormAction }) {
  const t = useTranslations("dashboard.board");
  return <ButtonForm action={action} fields={{ dashboard: "" }} label={t("backToOwn")} testId="dashboard-show-own" />;
}

/** Owners and Admins: publish a copy of their cards, and take published ones down. */
export function PublishDashboard({
  publish,
  unpublish,
  published,
}: {
  publish: FormAction;
  unpublish: FormAction;
  published: { id: string; name: string; audience: DashboardAudience }[];
}) {
  const t = useTranslations("dashboard.board");
  const tErrors = useTranslations("errors");
  const form = useActionForm(publish);
  const id = useId();
  const nameError = form.error("name");
  return (
    <div className="space-y-4">
      <form {...form.formProps} className="flex flex-wrap items-end gap-3" aria-labelledby={`${id}-title`} data-testid="dashboard-publish">
        <h3 id={`${id}-title`} className="basis-full font-semibold">
          {t("publishTitle")}
        </h3>
        <p className="-mt-2 basis-full text-sm text-slate-600 dark:text-slate-400">{t("publishLead")}</p>
        <div className="min-w-48 flex-1">
          <label htmlFor={`${id}-name`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            {t("publishName")}
          </label>
          <input
            id={`${id}-name`}
            name="name"
            defaultValue={form.value("name")}
            maxLength={200}
            className={inputClass}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name-error` : undefined}
          />
          {nameError ? (
            <p id={`${id}-name-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
              {isMessageKey(tErrors, nameError) ? tErrors(nameError) : tErrors("generic")}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor={`${id}-audience`} className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            {t("publishAudience")}
          </label>
          <select id={`${id}-audience`} name="audience" defaultValue={form.value("audience") ?? "WORKSPACE"} className={`${compactSelectClass} min-h-11`}>
            {DASHBOARD_AUDIENCES.map((audience) => (
              <option key={audience} value={audience}>
                {t(`audiences.${audience}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonStyles.primary} disabled={form.pending}>
          {t("publish")}
        </button>
        <span className="basis-full empty:hidden">
          <FormStatus state={form.state} errorCount={form.errorCount} successMessage={t("published")} />
        </span>
      </form>
      {published.length > 0 ? (
        <div>
          <h3 className="font-semibold">{t("sharedListTitle")}</h3>
          <ul className="mt-2 space-y-2" data-testid="dashboard-published">
            {published.map((dashboard) => (
              <li key={dashboard.id} className="flex flex-wrap items-center gap-3">
                <span className="text-sm">{t("sharedFor", { name: dashboard.name, audience: t(`audiences.${dashboard.audience}`) })}</span>
                <ButtonForm action={unpublish} fields={{ dashboard: dashboard.id }} label={t("unpublish")} srLabel={dashboard.name} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
