"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import Link from "next/link";

/**
 * Problems a login page can spot before anyone types: cookies switched off (the session cookie
 * would never stick, so sign-in would seem to do nothing) and a browser too old for this app.
 */
export function BrowserCheck() {
  const t = useTranslations("signInHelp");
  const [problem, setProblem] = useState<"cookies" | "outdated" | null>(null);
  useEffect(() => {
    let found: "cookies" | "outdated" | null = null;
    if (!navigator.cookieEnabled) found = "cookies";
    // Features every browser of the last few years has; missing ones mean an outdated browser.
    else if (typeof structuredClone !== "function" || !("at" in Array.prototype) || !window.CSS?.supports?.("display", "grid")) found = "outdated";
    // Reading a browser capability is a legitimate effect-time sync from an external system.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setProblem(found);
  }, []);
  if (!problem) return null;
  return (
    <div role="alert" className="mb-5 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-semibold">{t(problem === "cookies" ? "cookiesOffTitle" : "outdatedTitle")}</p>
      <p className="mt-1">{t(problem === "cookies" ? "cookiesOffBody" : "outdatedBody")}</p>
      <Link href="/help/sign-in" className="mt-1 inline-block font-semibold underline">
        {t("moreHelp")}
      </Link>
    </div>
  );
}
