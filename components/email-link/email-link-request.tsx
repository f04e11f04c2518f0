"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { TextField } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { CaptchaField } from "@/components/forms/captcha-field";
import { buttonStyles } from "@/components/ui/button-styles";
import { emailLinkRequestSchema } from "@/lib/validation/email-link";
import { MailboxLink } from "@/components/email/mailbox-link";
import type { FormState } from "@/lib/forms/form-state";

/**
 * "Email me a sign-in link": a disclosure under the password form (a plain <details>, so it opens
 * without JavaScript too). The answer is the same whether or not the account exists; after it the
 * form gives way to "Check your email" and, with JavaScript, a wait for the link to be used.
 */
/** `next`: the workspace page asked for before signing in (already checked by the login page). */
export function EmailLinkRequest({ action, slug, next, mailboxHref }: { action: FormAction; slug: string; next: string; mailboxHref: string | null }) {
  const t = useTranslations("emailLink");
  const form = useActionForm(action, emailLinkRequestSchema);
  const sent = form.state.status === "success";
  // After "Request a new link" the spent answer is set aside and the form shows again.
  const [dismissed, setDismissed] = useState<FormState | null>(null);
  if (sent && form.state !== dismissed) {
    return <LinkWaiting slug={slug} next={next} mailboxHref={mailboxHref} onRequestAnother={() => setDismissed(form.state)} />;
  }
  return (
    <details id="email-link" className="group rounded-lg border border-slate-200 dark:border-slate-800" open={form.state.status === "error" || dismissed !== null || undefined}>
      <summary className="flex min-h-11 cursor-pointer items-center gap-2 rounded-lg px-4 py-2.5 text-sm font-semibold text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-slate-100 dark:hover:bg-slate-800">
        <MailIcon />
        {t("toggle")}
      </summary>
      <form {...form.formProps} className="space-y-4 px-4 pb-4 pt-2" aria-busy={form.pending || undefined}>
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("lead")}</p>
        <FormStatus state={form.state} errorCount={form.errorCount} />
        <input type="hidden" name="next" value={next} />
        <TextField
          label={t("username")}
          hint={t("usernameHint")}
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          required
          maxLength={254}
          defaultValue={form.value("username")}
          error={form.error("username")}
        />
        {form.state.captchaRequired ? <CaptchaField error={form.error("captcha")} resetKey={form.state} /> : null}
        <button type="submit" className={`${buttonStyles.secondary} w-full`} disabled={form.pending}>
          {form.pending ? t("submitting") : t("submit")}
        </button>
      </form>
    </details>
  );
}

type Status = "waiting" | "signed-in" | "elsewhere" | "expired";

/** Ten minutes: how long a link works, so how long waiting makes sense. */
const WAIT_MS = 10 * 60_000;

/**
 * "Check your email", then polls /api/<slug>/sign-in-link/status with this browser's request-key
 * cookie, backing off from 2 to 15 seconds, for ten minutes. Used in this browser: the session
 * cookie is already here, so the tab simply opens the workspace. Used elsewhere: says so, and
 * stays signed out.
 */
function LinkWaiting({ slug, next, mailboxHref, onRequestAnother }: { slug: string; next: string; mailboxHref: string | null; onRequestAnother: () => void }) {
  const t = useTranslations("emailLink");
  const [status, setStatus] = useState<Status>("waiting");
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, [status]);

  useEffect(() => {
    const started = Date.now();
    let delay = 2000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      if (stopped) return;
      if (Date.now() - started >= WAIT_MS) {
        setStatus("expired");
        return;
      }
      try {
        const response = await fetch(`/api/${encodeURIComponent(slug)}/sign-in-link/status`, { cache: "no-store", credentials: "same-origin" });
        const body = (await response.json()) as { status?: string };
        if (stopped) return;
        if (body.status === "signed-in") {
          setStatus("signed-in");
          // A full load, not a client-side push: the whole app shell must render with the new session.
          window.location.assign(next);
          return;
        }
        if (body.status === "elsewhere") {
          setStatus("elsewhere");
          return;
        }
      } catch {
        // A network hiccup: keep waiting; the next poll tries again.
      }
      delay = Math.min(Math.round(delay * 1.5), 15_000);
      timer = setTimeout(poll, Math.min(delay, Math.max(0, WAIT_MS - (Date.now() - started))));
    };
    timer = setTimeout(poll, delay);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [slug, next]);

  const box = "rounded-lg border px-4 py-4 text-sm";
  if (status === "elsewhere") {
    return (
      <div className={`${box} border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100`} role="status" data-testid="link-elsewhere">
        <h2 ref={headingRef} tabIndex={-1} className="font-semibold outline-none">
          {t("elsewhereTitle")}
        </h2>
        <p className="mt-1">{t("elsewhereBody")}</p>
      </div>
    );
  }
  if (status === "expired") {
    return (
      <div className={`${box} border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900`} role="status" data-testid="link-expired">
        <h2 ref={headingRef} tabIndex={-1} className="font-semibold outline-none">
          {t("expiredTitle")}
        </h2>
        <p className="mt-1 text-slate-700 dark:text-slate-300">{t("expiredBody")}</p>
        <button type="button" className={`${buttonStyles.secondary} mt-3`} onClick={onRequestAnother}>
          {t("requestAnother")}
        </button>
      </div>
    );
  }
  return (
    <div className={`${box} border-emerald-200 bg-emerald-50 text-emerald-950 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100`} role="status" data-testid="link-sent">
      <h2 ref={headingRef} tabIndex={-1} className="flex items-center gap-2 font-semibold outline-none">
        <MailIcon />
        {t("sentTitle")}
      </h2>
      <p className="mt-1">{t("sentBody")}</p>
      <MailboxLink href={mailboxHref} />
      <p className="mt-3 flex items-center gap-2 text-emerald-800 dark:text-emerald-200">
        <span aria-hidden="true" className="inline-block h-2 w-2 animate-pulse rounded-full bg-current motion-reduce:animate-none" />
        {status === "signed-in" ? t("signedInHere") : t("waiting")}
      </p>
    </div>
  );
}

function MailIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5 shrink-0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="m3 7 9 6 9-6" />
    </svg>
  );
}
