import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/current-member";
import { assignableRoles, can, canManageMember } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/dal/members/list-members";
import { listOpenInvitations } from "@/lib/dal/invitations/list-invitations";
import { listLockedMembersOf } from "@/lib/dal/members/member-security";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { InviteMemberForm } from "@/components/members/invite-member-form";
import { mailboxHref } from "@/lib/config";
import { RowActionForm } from "@/components/members/row-action-form";
import { compactSelectClass } from "@/components/ui/input-styles";
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

export default async function MembersPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const member = await requireMember(tenant, `/${tenant}/members`);
  if (!can(member.role, "members.view")) forbidden();
  const canInvite = can(member.role, "members.invite");
  const canManage = can(member.role, "members.deactivate");
  const [t, format, members, invitations, locked] = await Promise.all([
    getTranslations(),
    getFormatter(),
    listMembers(member),
    canInvite ? listOpenInvitations(member) : Promise.resolve([]),
    canManage ? listLockedMembersOf(member) : Promise.resolve([]),
  ]);
  const lockedById = new Map(locked.map((entry) => [entry.userId, entry]));
  const slug = member.tenant.slug;
  const roles = assignableRoles(member.role);
  const small = `${buttonStyles.small}`;

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
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-2xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900" data-testid="member-list">
          {members.map((row) => {
            const manageable = row.id !== member.user.id && can(member.role, "members.changeRole") && canManageMember(member.role, row.role);
            const lock = lockedById.get(row.id);
            return (
              <li key={row.id} className="flex flex-col gap-3 p-4 lg:flex-row lg:items-center" data-testid={`member-${row.email}`}>
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {row.name}
                    {row.id === member.user.id ? <span className="ml-2 text-sm text-slate-500">({t("members.you")})</span> : null}
                  </p>
                  <p className="text-sm text-slate-600 wrap-anywhere dark:text-slate-400">
                    {row.email}
                    {row.employeeNumber ? <span className="whitespace-nowrap">{` · ${t("members.employeeNumber")}: ${row.employeeNumber}`}</span> : null}
                  </p>
                  <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
                    {t("members.lastSignIn")}: {row.lastSignInAt ? format.dateTime(row.lastSignInAt, { dateStyle: "medium", timeStyle: "short" }) : t("common.never")}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  {/* A member whose role can be changed shows it in the picker instead. */}
                  {manageable ? null : (
                    <span className="rounded-full bg-slate-100 px-2.5 py-1 text-xs font-semibold dark:bg-slate-800">{t(`roles.${row.role}`)}</span>
                  )}
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
                {manageable ? (
                  <div className="flex flex-wrap items-start gap-2">
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
                      <RowActionForm action={unlockMemberAction.bind(null, slug)} hidden={{ userId: row.id }}>
                        <button type="submit" className={`${buttonStyles.secondary} ${small}`} aria-label={`${t("security.unlock")} ${row.name}`}>
                          {t("security.unlock")}
                        </button>
                      </RowActionForm>
                    ) : null}
                    {row.status === "ACTIVE" ? (
                      <RowActionForm
                        action={endMemberSessionsAction.bind(null, slug)}
                        hidden={{ userId: row.id }}
                        confirmMessage={t("security.confirmEndSessions", { name: row.name })}
                      >
                        <button type="submit" className={`${buttonStyles.secondary} ${small}`} aria-label={`${t("security.endSessions")} ${row.name}`}>
                          {t("security.endSessions")}
                        </button>
                      </RowActionForm>
                    ) : null}
                    {row.status === "ACTIVE" && row.id !== member.user.id ? (
                      <RowActionForm
                        action={requireMemberPasswordResetAction.bind(null, slug)}
                        hidden={{ userId: row.id }}
                        confirmMessage={t("security.confirmRequireNewPassword", { name: row.name })}
                      >
                        <button type="submit" className={`${buttonStyles.secondary} ${small}`} aria-label={`${t("security.requireNewPassword")} ${row.name}`}>
                          {t("security.requireNewPassword")}
                        </button>
                      </RowActionForm>
                    ) : null}
                    {canManage && row.id !== member.user.id && canManageMember(member.role, row.role) ? (
                      <RowActionForm
                        action={resetMemberMfaAction.bind(null, slug)}
                        hidden={{ userId: row.id }}
                        confirmMessage={t("mfaReset.confirm", { name: row.name })}
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
                        confirmMessage={t("members.confirmDeactivate", { name: row.name })}
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
                    <p className="font-medium wrap-anywhere">{invitation.email}</p>
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
                    <RowActionForm action={revokeInvitationAction.bind(null, slug)} hidden={{ invitationId: invitation.id }}>
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
