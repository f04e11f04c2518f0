import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { RootTranslator } from "@/lib/i18n/message-keys";
import { readerLocale } from "@/lib/i18n/name-order";
import { requireMember } from "@/lib/auth/current-member";
import { ROLES, assignableRoles, can, canManageMember } from "@/lib/auth/permissions";
import { listMembers, type MemberFactors } from "@/lib/dal/members/list-members";
import { MEMBER_STATUSES, isFiltered, parseMemberListFilter } from "@/lib/dal/members/member-list-query";
import { listOpenInvitations } from "@/lib/dal/invitations/list-invitations";
import { listLockedMembersOf } from "@/lib/dal/members/member-security";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { InviteMemberForm } from "@/components/members/invite-member-form";
import { mailboxHref } from "@/lib/config";
import { RowActionForm } from "@/components/members/row-action-form";
import { compactSelectClass, inputClass } from "@/components/ui/input-styles";
import {
  changeRoleAction,
  deactivateMemberAction,
  endMemberSessionsAction,
  requireMemberPasswordResetAction,
  inviteMemberAction,
  resetMemberMfaAction,
  unlockMemberAction,
  reactivateMemberAction,
  resendInvitationAction,
  revokeInvitationAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("members"))("title") };
}

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/members`);
  if (!can(member.role, "members.view")) forbidden();
  const { filter, ignored } = parseMemberListFilter(await searchParams);
  const canInvite = can(member.role, "members.invite");
  const canManage = can(member.role, "members.deactivate");
  const [t, format, members, invitations, locked] = await Promise.all([
    getTranslations(),
    getFormatter(),
    listMembers(member, filter, readerLocale(await getLocale())),
    canInvite ? listOpenInvitations(member) : Promise.resolve([]),
    canManage ? listLockedMembersOf(member) : Promise.resolve([]),
  ]);
  const lockedById = new Map(locked.map((entry) => [entry.userId, entry]));
  const slug = member.tenant.slug;
  const base = `/${slug}/members`;
  const roles = assignableRoles(member.role);
  const small = `${buttonStyles.small}`;
  const filtered = isFiltered(filter);

  return (
    <>
      <PageHeader title={t("members.title")} lead={t("members.lead", { workspace: member.tenant.name })} />

      {canInvite ? (
        <Card className="mb-8">
          <h2 className="text-lg font-semibold">{t("members.inviteTitle")}</h2>
          <p className="mb-4 mt-1 text-sm text-slate-600 dark:text-slate-400">{t("members.inviteLead")}</p>
          <InviteMemberForm action={inviteMemberAction.bind(null, slug)} roles={roles} mailboxHref={mailboxHref()} />
        </Card>
      ) : null}

      <section aria-labelledby="members-heading" className="mb-8">
        <h2 id="members-heading" className="sr-only">
          {t("members.membersTable", { workspace: member.tenant.name })}
        </h2>
        {/* A GET form: the search and filters are the page's URL, so a reload or a shared link keeps them. */}
        <form method="get" action={base} role="search" aria-label={t("members.filtersLabel")} className="mb-4 rounded-2xl border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <div className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
            <div>
              <label htmlFor="members-q" className="mb-1 block text-sm font-medium">
                {t("members.searchLabel")}
              </label>
              <input id="members-q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder={t("members.searchPlaceholder")} className={inputClass} maxLength={200} />
            </div>
            <div>
              <label htmlFor="members-role" className="mb-1 block text-sm font-medium">
                {t("members.roleFilter")}
              </label>
              <select id="members-role" name="role" defaultValue={filter.role?.toLowerCase() ?? ""} className={inputClass}>
                <option value="">{t("members.anyRole")}</option>
                {ROLES.map((role) => (
                  <option key={role} value={role.toLowerCase()}>
                    {t(`roles.${role}`)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="members-status" className="mb-1 block text-sm font-medium">
                {t("members.statusFilter")}
              </label>
              <select id="members-status" name="status" defaultValue={filter.status?.toLowerCase() ?? ""} className={inputClass}>
                <option value="">{t("members.anyStatus")}</option>
                {MEMBER_STATUSES.map((status) => (
                  <option key={status} value={status.toLowerCase()}>
                    {t(`members.status${status}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="submit" className={buttonStyles.primary}>
              {t("members.applyFilters")}
            </button>
            {filtered ? (
              <Link href={base} className={buttonStyles.secondary}>
                {t("members.clearFilters")}
              </Link>
            ) : null}
          </div>
        </form>
        {ignored.length > 0 ? (
          <div className="mb-4">
            <Notice tone="info">{t("members.ignoredParams", { names: ignored.join(", ") })}</Notice>
          </div>
        ) : null}
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" data-testid="member-count" aria-live="polite">
          {t("members.count", { count: members.length })}
        </p>
        {members.length === 0 && filtered ? <p className="mb-4 text-sm text-slate-700 dark:text-slate-300">{t("members.noMatches")}</p> : null}
        <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="member-list">
          {members.map((row) => {
            const manageable = row.id !== member.user.id && can(member.role, "members.changeRole") && canManageMember(member.role, row.role);
            const lock = lockedById.get(row.id);
            return (
              <li key={row.id} className="p-4 sm:p-5" data-testid={`member-${row.email}`}>
                <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
                  <div className="min-w-0 flex-1 basis-64">
                    <p className="font-medium wrap-break-word">
                      {row.name}
                      {row.id === member.user.id ? <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">({t("members.you")})</span> : null}
                    </p>
                    {/* Whole words: an address breaks inside only when it can't fit a line of its own. */}
                    <p className="text-sm text-slate-600 wrap-break-word dark:text-slate-400">{row.email}</p>
                    {row.employeeNumber ? (
                      <p className="text-sm text-slate-600 dark:text-slate-400">{`${t("members.employeeNumber")}: ${row.employeeNumber}`}</p>
                    ) : null}
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="rounded-full bg-slate-100 px-2.5 py-1 text-xs font-semibold dark:bg-slate-800">{t(`roles.${row.role}`)}</span>
                    <span
                      className={`rounded-full px-2.5 py-1 text-xs font-semibold ${
                        row.status === "ACTIVE"
                          ? "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
                          : "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-200"
                      }`}
                    >
                      {t(`members.status${row.status}`)}
                    </span>
                    {lock ? (
                      <span className="rounded-full bg-amber-100 px-2.5 py-1 text-xs font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-200" data-testid="locked-badge">
                        {lock.lockedUntil.getUTCFullYear() >= 9999
                          ? t("security.lockedUntilAdmin")
                          : t("security.lockedUntil", { time: format.dateTime(lock.lockedUntil, { dateStyle: "medium", timeStyle: "short" }) })}
                      </span>
                    ) : null}
                  </div>
                </div>
                <dl className="mt-3 grid gap-x-8 gap-y-2 text-sm sm:grid-cols-2">
                  <div className="min-w-0">
                    <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{t("members.factorsLabel")}</dt>
                    <dd className="mt-1" data-testid="member-factors">
                      <FactorList labels={factorLabels(t, row.factors)} none={t("members.noFactors")} />
                    </dd>
                  </div>
                  <div className="min-w-0">
                    <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">{t("members.lastSignIn")}</dt>
                    <dd className="mt-1 text-slate-700 dark:text-slate-300">
                      {row.lastSignInAt ? format.dateTime(row.lastSignInAt, { dateStyle: "medium", timeStyle: "short" }) : t("common.never")}
                    </dd>
                  </div>
                </dl>
                {manageable ? (
                  <div role="group" aria-label={t("members.memberActions", { name: row.name })} className="mt-4 flex flex-wrap items-start gap-2 border-t border-slate-100 pt-4 dark:border-slate-800">
                    <RowActionForm action={changeRoleAction.bind(null, slug)} hidden={{ userId: row.id }} className="flex flex-wrap items-center gap-2">
                      <label className="sr-only" htmlFor={`role-${row.id}`}>
                        {t("members.changeRole", { name: row.name })}
                      </label>
                      <select id={`role-${row.id}`} name="role" defaultValue={row.role} className={compactSelectClass}>
                        {roles.map((role) => (
                          <option key={role} value={role}>
                            {t(`roles.${role}`)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className={`${buttonStyles.secondary} ${small}`}>
                        {t("members.applyRole")}
                      </button>
                    </RowActionForm>
                    {lock ? (
                      <RowActionForm
                        action={unlockMemberAction.bind(null, slug)}
                        hidden={{ userId: row.id }}
                        confirm={{ title: t("members.dialog.unlockTitle", { name: row.name }), body: t("members.dialog.unlockBody", { name: row.name }), confirmLabel: t("security.unlock") }}
                        confirmDestructive={false}
                      >
                        <button type="submit" className={`${buttonStyles.secondary} ${small}`} aria-label={`${t("security.unlock")} ${row.name}`}>
                          {t("security.unlock")}
                        </button>
                      </RowActionForm>
                    ) : null}
                    {row.status === "ACTIVE" ? (
                      <RowActionForm
                        action={endMemberSessionsAction.bind(null, slug)}
                        hidden={{ userId: row.id }}
                        confirm={{ title: t("members.dialog.endSessionsTitle", { name: row.name }), body: t("members.dialog.endSessionsBody", { name: row.name }), confirmLabel: t("security.endSessions") }}
                      >
                        <button type="submit" className={`${buttonStyles.secondary} ${small}`} aria-label={`${t("security.endSessions")} ${row.name}`}>
                          {t("security.endSessions")}
                        </button>
                      </RowActionForm>
                    ) : null}
                    {row.status === "ACTIVE" ? (
                      <RowActionForm
                        action={requireMemberPasswordResetAction.bind(null, slug)}
                        hidden={{ userId: row.id }}
                        confirm={{
                          title: t("members.dialog.requireNewPasswordTitle", { name: row.name }),
                          body: t("members.dialog.requireNewPasswordBody", { name: row.name }),
                          confirmLabel: t("security.requireNewPassword"),
                        }}
                      >
                        <button type="submit" className={`${buttonStyles.secondary} ${small}`} aria-label={`${t("security.requireNewPassword")} ${row.name}`}>
                          {t("security.requireNewPassword")}
                        </button>
                      </RowActionForm>
                    ) : null}
                    {canManage ? (
                      <RowActionForm
                        action={resetMemberMfaAction.bind(null, slug)}
                        hidden={{ userId: row.id }}
                        confirm={{ title: t("members.dialog.mfaResetTitle", { name: row.name }), body: t("members.dialog.mfaResetBody", { name: row.name }), confirmLabel: t("mfaReset.button") }}
                      >
                        <button type="submit" className={`${buttonStyles.secondary} ${small}`} aria-label={`${t("mfaReset.button")} ${row.name}`}>
                          {t("mfaReset.button")}
                        </button>
                      </RowActionForm>
                    ) : null}
                    {can(member.role, "records.transfer") ? (
                      <Link
                        href={`/${slug}/members/${row.id}/transfer`}
                        className={`${buttonStyles.secondary} ${small}`}
                        aria-label={t("transfer.actionLabel", { name: row.name })}
                      >
                        {t("transfer.action")}
                      </Link>
                    ) : null}
                    {row.status === "ACTIVE" ? (
                      <RowActionForm
                        action={deactivateMemberAction.bind(null, slug)}
                        hidden={{ userId: row.id }}
                        confirm={{ title: t("members.dialog.deactivateTitle", { name: row.name }), body: t("members.dialog.deactivateBody", { name: row.name }), confirmLabel: t("members.deactivate") }}
                      >
                        <button type="submit" className={`${buttonStyles.danger} ${small}`} aria-label={`${t("members.deactivate")} ${row.name}`}>
                          {t("members.deactivate")}
                        </button>
                      </RowActionForm>
                    ) : (
                      <RowActionForm action={reactivateMemberAction.bind(null, slug)} hidden={{ userId: row.id }}>
                        <button type="submit" className={`${buttonStyles.secondary} ${small}`} aria-label={`${t("members.reactivate")} ${row.name}`}>
                          {t("members.reactivate")}
                        </button>
                      </RowActionForm>
                    )}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>

      {canInvite ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading" className="mb-3 text-lg font-semibold">
            {t("members.pendingTitle")}
          </h2>
          {invitations.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{t("members.noPending")}</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="invitation-list">
              {invitations.map((invitation) => (
                <li key={invitation.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-center" data-testid={`invitation-${invitation.email}`}>
                  <div className="min-w-0 flex-1">
                    <p className="font-medium wrap-break-word">{invitation.email}</p>
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      {t(`roles.${invitation.role}`)} · {t("members.invitedBy", { name: invitation.invitedByName })} ·{" "}
                      <span className={invitation.expired ? "font-semibold text-red-700 dark:text-red-300" : ""}>
                        {t(invitation.expired ? "members.expired" : "members.expires", {
                          date: format.dateTime(invitation.expiresAt, { dateStyle: "medium", timeStyle: "short" }),
                        })}
                      </span>
                    </p>
                  </div>
                  <div className="flex flex-wrap gap-2">
                    <RowActionForm action={resendInvitationAction.bind(null, slug)} hidden={{ invitationId: invitation.id }}>
                      <button type="submit" className={`${buttonStyles.secondary} ${small}`} aria-label={`${t("members.resend")} ${invitation.email}`}>
                        {t("members.resend")}
                      </button>
                    </RowActionForm>
                    <RowActionForm
                      action={revokeInvitationAction.bind(null, slug)}
                      hidden={{ invitationId: invitation.id }}
                      confirm={{
                        title: t("members.dialog.revokeTitle", { email: invitation.email }),
                        body: t("members.dialog.revokeBody", { email: invitation.email }),
                        confirmLabel: t("members.revoke"),
                      }}
                    >
                      <button type="submit" className={`${buttonStyles.danger} ${small}`} aria-label={`${t("members.revoke")} ${invitation.email}`}>
                        {t("members.revoke")}
                      </button>
                    </RowActionForm>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}

type Translate = RootTranslator;

function factorLabels(t: Translate, factors: MemberFactors): string[] {
  return [
    factors.app ? t("members.factorApp") : null,
    factors.sms ? t("members.factorSms") : null,
    factors.emailCodes ? t("members.factorEmailCodes") : null,
    factors.passkeys > 0 ? t("members.factorPasskeys", { count: factors.passkeys }) : null,
  ].filter((label): label is string => label !== null);
}

function FactorList({ labels, none }: { labels: string[]; none: string }) {
  if (labels.length === 0) return <span className="text-slate-500 dark:text-slate-400">{none}</span>;
  return (
    <ul className="flex flex-wrap gap-1.5">
      {labels.map((label) => (
        <li key={label} className="rounded-md bg-sky-50 px-2 py-0.5 text-xs font-medium text-sky-900 dark:bg-sky-950 dark:text-sky-100">
          {label}
        </li>
      ))}
    </ul>
  );
}
