import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { MemberContext } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { signOutAction } from "@/lib/actions/sign-out-action";
import { LanguageSwitcher } from "@/components/language-switcher";
import { NavLink } from "./nav-link";
import { MobileMenu } from "./mobile-menu";
import { CommandPalette } from "@/components/search/command-palette";

type NavItem = { href: string; label: string; exact: boolean; badge?: string };

function NavList({ items }: { items: NavItem[] }) {
  return (
    <ul className="space-y-0.5">
      {items.map((item) => (
        <li key={item.href}>
          <NavLink {...item} />
        </li>
      ))}
    </ul>
  );
}

/** Who is signed in, their own pages, the language and signing out: the account menu's content, in the sidebar and the phone menu alike. */
async function AccountPanel({ member }: { member: MemberContext }) {
  const t = await getTranslations();
  const base = `/${member.tenant.slug}`;
  return (
    <div className="space-y-0.5">
      <div className="px-3 py-2">
        <p className="break-words font-medium">{member.user.name}</p>
        <p className="break-all text-sm text-slate-600 dark:text-slate-400">{member.user.email}</p>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t(`roles.${member.role}`)}</p>
      </div>
      <NavLink href={`${base}/profile`} label={t("nav.profile")} />
      <NavLink href={`${base}/security`} label={t("nav.security")} />
      <LanguageSwitcher className="px-3 py-2" />
      <form action={signOutAction.bind(null, member.tenant.slug)}>
        <button type="submit" className="min-h-10 w-full rounded-lg px-3 py-2 text-left text-sm font-medium text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950">
          {t("nav.signOut")}
        </button>
      </form>
    </div>
  );
}

function Initials({ name }: { name: string }) {
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <span aria-hidden="true" className="grid h-9 w-9 shrink-0 place-items-center rounded-full bg-slate-200 text-sm font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-100">
      {initials}
    </span>
  );
}

/**
 * The signed-in frame. From the lg breakpoint (64rem) a left sidebar: the workspace, search, the
 * navigation (only what exists and the member's role may see) and the account menu at the foot.
 * Below it the same <header> is a top bar whose menu button opens every item in a drawer
 * (MobileMenu). Nothing in the frame is wider than the viewport at any width.
 */
export async function AppShell({ member, dueTasks = 0, children }: { member: MemberContext; dueTasks?: number; children: ReactNode }) {
  const t = await getTranslations();
  const base = `/${member.tenant.slug}`;
  // Overdue and due-today tasks (lib/dal/tasks/list-tasks.ts countMyOpenDueTasks).
  const tasksBadge = dueTasks > 0 ? t("tasks.badge", { count: dueTasks }) : undefined;
  const items: NavItem[] = [
    { href: base, label: t("nav.home"), exact: true, show: true },
    { href: `${base}/customers`, label: t("nav.customers"), exact: false, show: can(member.role, "records.read") },
    { href: `${base}/opportunities`, label: t("nav.opportunities"), exact: false, show: can(member.role, "records.read") },
    { href: `${base}/tasks`, label: t("nav.tasks"), exact: false, show: can(member.role, "records.read"), badge: tasksBadge },
    { href: `${base}/reports`, label: t("nav.reports"), exact: false, show: can(member.role, "reports.view") },
    { href: `${base}/members`, label: t("nav.members"), exact: false, show: can(member.role, "members.view") },
    { href: `${base}/audit`, label: t("nav.audit"), exact: false, show: can(member.role, "audit.view") },
    { href: `${base}/access-review`, label: t("nav.accessReview"), exact: false, show: can(member.role, "audit.view") },
    { href: `${base}/settings/security`, label: t("nav.settings"), exact: false, show: can(member.role, "workspace.manageSettings") },
  ]
    .filter((item) => item.show)
    .map(({ show: _show, ...item }) => item);
  // The menu's name is its visible text (the member's name) with "Account menu for" read around it,
  // so speech users can say what they see (WCAG 2.5.3).
  const accountMenuName = t.rich("nav.accountMenu", {
    name: member.user.name,
    hidden: (chunks) => <span className="sr-only">{chunks}</span>,
  });
  return (
    <div className="min-h-dvh lg:pl-64">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-slate-900">
        {t("common.skipToContent")}
      </a>
      <header className="sticky top-0 z-30 flex items-center gap-2 border-b border-slate-200 bg-white px-2 py-1.5 sm:px-4 lg:fixed lg:inset-y-0 lg:left-0 lg:w-64 lg:flex-col lg:items-stretch lg:gap-0 lg:border-b-0 lg:border-r lg:p-0 dark:border-slate-800 dark:bg-slate-900">
        <MobileMenu openLabel={t("nav.openMenu")} closeLabel={t("nav.closeMenu")} title={member.tenant.name} alert={tasksBadge ? t("nav.tasksAlert", { badge: tasksBadge }) : undefined}>
          <nav aria-label={t("nav.main")} className="p-3">
            <NavList items={items} />
          </nav>
          <div className="border-t border-slate-200 p-3 dark:border-slate-800">
            <AccountPanel member={member} />
          </div>
        </MobileMenu>
        <Link href={base} className="flex min-w-0 flex-1 items-center gap-2 rounded-lg px-1 py-1 font-bold text-slate-900 lg:flex-none lg:px-5 lg:pb-3 lg:pt-5 dark:text-white">
          <span aria-hidden="true" className="grid h-8 w-8 shrink-0 place-items-center rounded-lg bg-brand-600 text-white dark:bg-brand-500 dark:text-slate-950">
            R
          </span>
          <span className="min-w-0 truncate lg:whitespace-normal lg:break-words" data-testid="workspace-name">
            {member.tenant.name}
          </span>
        </Link>
        {can(member.role, "records.read") ? (
          <div className="shrink-0 lg:px-3 lg:pb-3">
            <CommandPalette slug={member.tenant.slug} />
          </div>
        ) : null}
        <nav aria-label={t("nav.main")} className="hidden lg:block lg:min-h-0 lg:flex-1 lg:overflow-y-auto lg:px-3 lg:py-1">
          <NavList items={items} />
        </nav>
        <details className="group relative hidden border-slate-200 lg:block lg:border-t lg:p-3 dark:border-slate-800">
          <summary className="flex min-h-11 cursor-pointer list-none items-center gap-2 rounded-lg p-1.5 text-sm font-medium hover:bg-slate-100 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden">
            <Initials name={member.user.name} />
            <span className="min-w-0 flex-1 truncate" data-testid="account-menu-name">
              {accountMenuName}
            </span>
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 shrink-0 text-slate-500 transition-transform group-open:rotate-180 dark:text-slate-400" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="m5 12 5-5 5 5" />
            </svg>
          </summary>
          <div className="absolute inset-x-3 bottom-full z-20 mb-1 rounded-xl border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900">
            <AccountPanel member={member} />
          </div>
        </details>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">
        {children}
      </main>
    </div>
  );
}
