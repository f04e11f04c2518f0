"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

/** `badge`: a short count shown beside the label and read with it, e.g. "3 due". */
export function NavLink({ href, label, exact = false, badge }: { href: string; label: string; exact?: boolean; badge?: string }) {
  const pathname = usePathname();
  const active = exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
        active
          ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white"
          : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      }`}
    >
      {label}
      {badge ? (
        <span
          data-testid="nav-badge"
          className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white dark:bg-red-500 dark:text-slate-950"
        >
          <span className="sr-only">, </span>
          {badge}
        </span>
      ) : null}
    </Link>
  );
}
