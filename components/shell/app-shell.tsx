import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { MemberContext } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { signOutAction } from "@/app/actions/sign-out";
import { LanguageSwitcher } from "@/components/language-switcher";
import { NavLink } from "./nav-link";
import { CommandPalette } from "@/components/search/command-palette";

/** The signed-in frame: workspace name, navigation (only what exists and is allowed), user menu. */
export async function AppShell({ member, dueTasks = 0, children }: { member: MemberContext; dueTasks?: number; children: ReactNode }) {
  const t = await getTranslations();
  const base = `/${member.tenant.slug}`;
  const links = [
    { href: base, label: t("nav.home"), exact: true, show: true },
    { href: `${base}/customers`, label: t("nav.customers"), exact: false, show: can(member.role, "records.read") },
    { href: `${base}/opportunities`, label: t("nav.opportunities"), exact: false, show: can(member.role, "records.read") },
    {
      href: `${base}/tasks`,
      label: t("nav.tasks"),
      exact: false,
      show: can(member.role, "records.read"),
      // Overdue and due-today tasks (lib/dal/tasks/list-tasks.ts countMyOpenDueTasks).
      badge: dueTasks > 0 ? t("tasks.badge", { count: dueTasks }) : undefined,
    },
    { href: `${base}/reports`, label: t("nav.reports"), exact: false, show: can(member.role, "reports.view") },
    { href: `${base}/members`, label: t("nav.members"), exact: false, show: can(member.role, "members.view") },
    { href: `${base}/audit`, label: t("nav.audit"), exact: false, show: can(member.role, "audit.view") },
    { href: `${base}/access-review`, label: t("nav.accessReview"), exact: false, show: can(member.role, "audit.view") },
    { href: `${base}/settings/security`, label: t("nav.settings"), exact: false, show: can(member.role, "workspace.manageSettings") },
  ].filter((link) => link.show);
  const initials = member.user.name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="flex min-h-dvh flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-slate-900">
        {t("common.skipToContent")}
      </a>
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-3 sm:px-6">
          <Link href={base} className="flex min-w-0 items-center gap-2 font-bold text-slate-900 dark:text-white">
            <span aria-hidden="true" className="grid h-8 w-8 shrink-0 place-items-center rounded-lg bg-brand-600 text-white dark:bg-brand-500 dark:text-slate-950">
              R
            </span>
            <span className="truncate" data-testid="workspace-name">{member.tenant.name}</span>
          </Link>
          <nav aria-label={t("nav.main")} className="ml-2 hidden gap-1 sm:flex">
            {links.map((link) => (
              <NavLink key={link.href} {...link} />
            ))}
          </nav>
          {can(member.role, "records.read") ? (
            <div className="ml-auto">
              <CommandPalette slug={member.tenant.slug} />
            </div>
          ) : null}
          <details className={`group relative ${can(member.role, "records.read") ? "" : "ml-auto"}`}>
            <summary
              className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-full py-1 pl-1 pr-3 hover:bg-slate-100 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden"
              aria-label={t("nav.userMenu", { name: member.user.name })}
            >
              <span aria-hidden="true" className="grid h-9 w-9 place-items-center rounded-full bg-slate-200 text-sm font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-100">
                {initials}
              </span>
              <span className="hidden max-w-40 truncate text-sm font-medium sm:inline">{member.user.name}</span>
            </summary>
            <div className="absolute right-0 z-20 mt-2 w-72 rounded-xl border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
              <div className="px-3 py-2">
                <p className="truncate font-medium">{member.user.name}</p>
                <p className="truncate text-sm text-slate-600 dark:text-slate-400">{member.user.email}</p>
                <p className="text-xs text-slate-500 dark:text-slate-400">{t(`roles.${member.role}`)}</p>
              </div>
              <Link href={`${base}/profile`} className="block rounded-md px-3 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                {t("nav.profile")}
              </Link>
              <Link href={`${base}/security`} className="block rounded-md px-3 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                {t("nav.security")}
              </Link>
              <LanguageSwitcher className="px-3 py-2" />
              <form action={signOutAction.bind(null, member.tenant.slug)}>
                <button type="submit" className="w-full rounded-md px-3 py-2 text-left text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950">
                  {t("nav.signOut")}
                </button>
              </form>
            </div>
          </details>
        </div>
        <nav aria-label={t("nav.main")} className="relative flex gap-1 overflow-x-auto border-t border-slate-100 px-3 py-2 sm:hidden dark:border-slate-800">
          {links.map((link) => (
            <NavLink key={link.href} {...link} />
          ))}
        </nav>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
