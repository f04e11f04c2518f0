"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/card";
import { buttonStyles } from "@/components/ui/button-styles";
import { useShowingNewCodes } from "./factor-section";

/**
 * The ten recovery codes, shown once right after they were made: download as a text file, copy,
 * print, then "I've saved them". The codes live only in this component's props; once the member
 * moves on (doneHref), nothing can show them again.
 */
export function RecoveryCodesPanel({
  codes,
  notice,
  account,
  workspaceName,
  doneHref,
  onDone,
}: {
  codes: string[];
  notice: string;
  account: string;
  workspaceName: string;
  doneHref: string;
  /** Called when the member says they saved the codes, before moving on. */
  onDone?: () => void;
}) {
  const t = useTranslations("mfa.recovery");
  const tTotp = useTranslations("mfa.totp");
  const router = useRouter();
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");
  useShowingNewCodes();
  const fileText = [t("fileTitle"), t("fileAccount", { account }), t("fileWorkspace", { workspace: workspaceName }), "", ...codes, "", t("fileNote"), ""].join("\n");

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      setCopyState("copied");
    } catch {
      setCopyState("failed");
    }
  }

  // A window holding only the codes, so the printout carries nothing else from the page.
  function print() {
    const win = window.open("", "_blank", "width=480,height=640");
    if (!win) {
      window.print();
      return;
    }
    win.document.title = t("fileTitle");
    const pre = win.document.createElement("pre");
    pre.textContent = fileText;
    pre.style.font = "16px/1.6 ui-monospace, monospace";
    win.document.body.appendChild(pre);
    win.focus();
    win.print();
  }

  return (
    <section aria-labelledby="recovery-codes-title" className="space-y-4" data-testid="recovery-codes-panel">
      <div role="status">
        <Notice tone="success">{notice}</Notice>
      </div>
      <h3 id="recovery-codes-title" className="text-base font-semibold">
        {t("showOnceTitle")}
      </h3>
      <p className="text-sm text-slate-700 dark:text-slate-300">{t("showOnceLead")}</p>
      <ol
        aria-label={t("listLabel")}
        className="grid grid-cols-1 gap-2 rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-base sm:grid-cols-2 dark:border-slate-700 dark:bg-slate-950"
        data-testid="recovery-codes"
      >
        {codes.map((code) => (
          <li key={code} className="tracking-wider">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <a
          className={buttonStyles.secondary}
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(fileText)}`}
          download="relay-crm-recovery-codes.txt"
        >
          {t("download")}
        </a>
        <button type="button" className={buttonStyles.secondary} onClick={copy}>
          {copyState === "copied" ? tTotp("copied") : t("copy")}
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={print}>
          {t("print")}
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-400">
        {copyState === "failed" ? tTotp("copyFailed") : ""}
      </p>
      <a
        href={doneHref}
        className={buttonStyles.primary}
        onClick={(event) => {
          event.preventDefault();
          onDone?.();
          if (window.location.pathname === doneHref) router.refresh();
          else router.push(doneHref);
        }}
        data-testid="recovery-codes-saved"
      >
        {t("saved")}
      </a>
    </section>
  );
}
