import Link from "next/link";
import { buttonStyles } from "./button-styles";

export function StatusPage({ code, title, body, homeLabel }: { code: string; title: string; body: string; homeLabel: string }) {
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col justify-center px-6 py-16 text-center">
      <p className="text-sm font-semibold text-brand-700 dark:text-brand-300">{code}</p>
      <h1 className="mt-2 text-2xl font-bold">{title}</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-400">{body}</p>
      <Link href="/" className={`${buttonStyles.secondary} mx-auto mt-8`}>
        {homeLabel}
      </Link>
    </main>
  );
}
