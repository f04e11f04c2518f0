"use client";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslations } from "next-intl";

// A form that starts a company sign-in: a POST to Auth.js's /api/auth/signin/<provider id> with
// the CSRF token Auth.js checks against its own cookie (a double submit). The token comes from
// /api/auth/csrf, which sets that cookie. The POST is sent with fetch and Auth.js's
// "X-Auth-Return-Redirect" header, so it answers the identity provider's URL as JSON (setting its
// state, PKCE and nonce cookies) and the page navigates there: a form submission redirected to
// another origin would be blocked by the CSP's form-action 'self'.
function urlOrToken(body: unknown, key: "url" | "csrfToken"): string | null {
  if (!body || typeof body !== "object" || !(key in body)) return null;
  const value = (body as Record<string, unknown>)[key];
  return typeof value === "string" && value ? value : null;
}

export function AuthJsPostForm({
  providerId,
  intent,
  next,
  className,
  buttonClassName,
  children,
  testId,
}: {
  providerId: string;
  intent: "sign-in" | "test" | "link";
  next?: string | null;
  className?: string;
  buttonClassName: string;
  children: ReactNode;
  testId?: string;
}) {
  const t = useTranslations("sso");
  const tokenRef = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    setFailed(false);
    try {
      const csrf = await fetch("/api/auth/csrf", { credentials: "same-origin", cache: "no-store" });
      const token = urlOrToken(await csrf.json(), "csrfToken");
      if (!csrf.ok || !token || !tokenRef.current) throw new Error("no csrf token");
      tokenRef.current.value = token;
      const started = await fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        cache: "no-store",
        headers: { "X-Auth-Return-Redirect": "1" },
        body: new URLSearchParams(new FormData(form) as unknown as Record<string, string>),
      });
      const url = urlOrToken(await started.json(), "url");
      if (!started.ok || !url) throw new Error("no redirect");
      window.location.assign(url);
    } catch {
      setPending(false);
      setFailed(true);
    }
  }

  return (
    <form method="post" action={`/api/auth/signin/${encodeURIComponent(providerId)}`} onSubmit={onSubmit} className={className}>
      <input ref={tokenRef} type="hidden" name="csrfToken" defaultValue="" />
      <input type="hidden" name="intent" value={intent} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <button type="submit" className={buttonClassName} disabled={pending} aria-busy={pending || undefined} data-testid={testId}>
        {children}
      </button>
      {failed ? (
        <p role="alert" className="mt-2 text-sm font-medium text-red-700 dark:text-red-300">
          {t("startFailed")}
        </p>
      ) : null}
    </form>
  );
}
