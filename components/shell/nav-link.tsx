"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/**
 * One item of the sidebar or the phone menu: a full-width row, marked aria-current on its page.
 * `badge`: a short count shown at the row's end and read with the label, e.g. "3 due".
 */
export function NavLink({ href, label, exact = false, badge }: { href: string; label: string; exact?: boolean; badge?: string }) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`flex min-h-10 w-full items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium ${
        active
          ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white"
          : "text-slate-700 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
      }`}
    >
      <span className="min-w-0 flex-1 break-words">{label}</span>
      {badge ? (
        <span
          data-testid="nav-badge"
          className="inline-flex min-w-5 shrink-0 items-center justify-center whitespace-nowrap rounded-full bg-red-700 px-1.5 text-xs font-semibold text-white dark:bg-red-400 dark:text-slate-950"
        >
          <span className="sr-only">, </span>
          {badge}
        </span>
      ) : null}
    </Link>
  );
}
