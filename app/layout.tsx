import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { TimeZoneSync } from "@/components/time-zone-sync";
import { ClientMessages } from "@/components/i18n/client-messages";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        {/* The shell's messages only; each page adds what its client components read. */}
        <ClientMessages namespaces={[]}>
          <TimeZoneSync />
          {children}
        </ClientMessages>
      </body>
    </html>
  );
}
