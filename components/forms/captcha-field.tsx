"use client";
// The widget's stylesheet, bundled with our own CSS (served from /_next/static: no inline <style>).
import "altcha/altcha.css";
import { useCallback, useEffect, useId, useRef, useState, type CSSProperties } from "react";
import { useLocale, useTranslations } from "next-intl";
import { isMessageKey } from "@/lib/i18n/message-keys";
import type { AltchaWidgetElement } from "altcha/types/generic";
import type {} from "altcha/types/react";

/**
 * The captcha of a form that shows one (after failed attempts, DESIGN.md): the self-hosted ALTCHA
 * widget. Ticking its checkbox (mouse, touch, or Tab then Space) makes the browser solve a
 * proof-of-work challenge from /api/captcha/challenge in Web Workers (about a second, nothing to
 * read or type); the solution goes into a hidden field named "captcha", which the server action
 * passes to verifyCaptchaSolution (lib/auth/captcha.ts).
 *
 * CSP: we load ALTCHA's "external" build, which injects no <style> and starts no blob: workers;
 * the proof-of-work worker is a same-origin file emitted by the bundler, so script-src 'self' /
 * 'strict-dynamic' (or worker-src 'self') covers it. Nothing is fetched from another origin: the
 * ALTCHA logo and "Protected by ALTCHA" link are hidden.
 */
export type CaptchaFieldProps = {
  /** A message key under errors.* (captchaRequired, captchaInvalid, captchaExpired, captchaReplayed). */
  error?: string;
  /**
   * Anything that changes after each server round trip, e.g. useActionForm's `state`. A solution
   * is good once, so after the server has seen it the widget asks for a fresh one.
   */
  resetKey?: unknown;
};

export const CAPTCHA_FIELD_NAME = "captcha";
const CHALLENGE_URL = "/api/captcha/challenge";
const ALGORITHM = "PBKDF2/SHA-256";
// Options the widget reads once; hideLogo/hideFooter remove the only links to altcha.org.
const WIDGET_CONFIGURATION = JSON.stringify({
  hideLogo: true,
  hideFooter: true,
  humanInteractionSignature: false,
  minDuration: 500,
});

type Strings = {
  legend: string;
  hint: string;
  label: string;
  loading: string;
  verifying: string;
  verified: string;
  expired: string;
  failed: string;
  verificationRequired: string;
  unavailable: string;
};

// Until these land in messages/*.json (keys captcha.* and errors.captcha*), the component uses
// this copy; the messages win as soon as they exist.
const FALLBACK: Record<"en" | "zh-CN", { captcha: Strings; errors: Record<string, string> }> = {
  en: {
    captcha: {
      legend: "Security check",
      hint: "Tick the box. Your device then does a quick calculation to show you're not a bot: nothing to read or type.",
      label: "I'm not a robot",
      loading: "Loading the security check…",
      verifying: "Checking…",
      verified: "Verified",
      expired: "The check expired. Tick the box again.",
      failed: "The check didn't work. Tick the box to try again.",
      verificationRequired: "Tick the box first.",
      unavailable: "The security check couldn't load. Reload the page and try again.",
    },
    errors: {
      captchaRequired: "Tick “I'm not a robot” and wait until it says Verified.",
      captchaInvalid: "The security check didn't pass. Tick the box again.",
      captchaExpired: "The security check expired. Tick the box again.",
      captchaReplayed: "That security check was already used. Tick the box again.",
    },
  },
  "zh-CN": {
    captcha: {
      legend: "安全验证",
      hint: "请勾选复选框。您的设备会快速完成一次计算，证明您不是机器人，无需阅读或输入任何内容。",
      label: "我不是机器人",
      loading: "正在加载安全验证…",
      verifying: "正在验证…",
      verified: "已验证",
      expired: "验证已过期，请重新勾选。",
      failed: "验证未成功，请重新勾选复选框。",
      verificationRequired: "请先勾选复选框。",
      unavailable: "安全验证未能加载，请刷新页面后重试。",
    },
    errors: {
      captchaRequired: "请勾选“我不是机器人”，并等待显示“已验证”。",
      captchaInvalid: "安全验证未通过，请重新勾选。",
      captchaExpired: "安全验证已过期，请重新勾选。",
      captchaReplayed: "该安全验证已被使用，请重新勾选。",
    },
  },
};

// Colours and shape of our inputs (components/forms/fields.tsx); light-dark() follows the page's
// color-scheme like the rest of the UI.
const widgetStyle = {
  "--altcha-max-width": "100%",
  "--altcha-border-radius": "0.5rem",
  "--altcha-padding": "0.75rem",
  "--altcha-color-base": "light-dark(#fff, oklch(12.9% 0.042 264.695))",
  "--altcha-color-base-content": "light-dark(oklch(20.8% 0.042 265.755), oklch(96.8% 0.007 247.896))",
  "--altcha-border-color": "light-dark(oklch(86.9% 0.022 252.894), oklch(37.2% 0.044 257.287))",
  "--altcha-checkbox-border-color": "light-dark(oklch(55.4% 0.046 257.417), oklch(70.4% 0.04 256.788))",
  "--altcha-color-primary": "oklch(0.51 0.19 265)",
  "--altcha-checkbox-size": "20px",
  accentColor: "oklch(0.51 0.19 265)",
  display: "block",
} as CSSProperties;

// A refused check is marked like any field in error (components/ui/input-styles.ts: red-500 / red-400).
const invalidWidgetStyle = {
  ...widgetStyle,
  "--altcha-border-color": "light-dark(oklch(63.7% 0.237 25.331), oklch(70.4% 0.191 22.216))",
  "--altcha-checkbox-border-color": "light-dark(oklch(63.7% 0.237 25.331), oklch(70.4% 0.191 22.216))",
} as CSSProperties;

let loading: Promise<void> | null = null;

/** Loads the widget once per page: the custom element, Chinese strings and the PoW worker. */
function loadAltcha(): Promise<void> {
  loading ??= (async () => {
    await import("altcha/external");
    await import("altcha/i18n/zh-cn");
    // The only algorithm lib/auth/captcha.ts issues. The bundler emits the worker as a file of
    // our own origin (no blob: or data: URL).
    globalThis.$altcha.algorithms.set(
      ALGORITHM,
      () => new Worker(new URL("altcha/workers/pbkdf2", import.meta.url), { name: "altcha-pbkdf2" }),
    );
  })().catch((error: unknown) => {
    loading = null; // let a later mount retry
    throw error;
  });
  return loading;
}

type WidgetState = "unverified" | "verifying" | "verified" | "expired" | "error" | "code";

export function CaptchaField({ error, resetKey }: CaptchaFieldProps) {
  const locale = useLocale();
  const lang = locale === "zh-CN" ? "zh-CN" : "en";
  const tCaptcha = useTranslations("captcha");
  const tErrors = useTranslations("errors");
  const text = (key: keyof Strings) => (tCaptcha.has(key) ? tCaptcha(key) : FALLBACK[lang].captcha[key]);
  const errorText = (key: string) =>
    isMessageKey(tErrors, key) ? tErrors(key) : (FALLBACK[lang].errors[key] ?? tErrors("generic"));

  const autoId = useId();
  const hintId = `captcha-${autoId}-hint`;
  const errorId = `captcha-${autoId}-error`;
  const widgetRef = useRef<AltchaWidgetElement>(null);
  const [status, setStatus] = useState<"loading" | "ready" | "failed">("loading");
  const [widgetState, setWidgetState] = useState<WidgetState | null>(null);

  useEffect(() => {
    let active = true;
    loadAltcha().then(
      () => active && setStatus("ready"),
      () => active && setStatus("failed"),
    );
    return () => {
      active = false;
    };
  }, []);

  // Our wording for the widget's own texts, per language (a global registry shared by instances).
  const strings = {
    label: text("label"),
    loading: text("loading"),
    verifying: text("verifying"),
    verified: text("verified"),
    expired: text("expired"),
    error: text("failed"),
    verificationRequired: text("verificationRequired"),
    waitAlert: text("verifying"),
  };
  const stringsKey = JSON.stringify(strings);
  useEffect(() => {
    if (status !== "ready") return;
    const code = lang.toLowerCase();
    globalThis.$altcha.i18n.set(code, { ...globalThis.$altcha.i18n.get(code), ...JSON.parse(stringsKey) });
  }, [status, lang, stringsKey]);

  // Once the user has passed a new check, the server's complaint about the previous one is moot.
  const activeError = widgetState === "verified" ? undefined : error;

  // The checkbox lives inside the widget: point it at our hint and error, and mark it invalid so
  // useActionForm moves focus to it after a refused submission. Re-applied whenever the widget
  // re-renders its content.
  const syncAria = useCallback(() => {
    const checkbox = widgetRef.current?.querySelector<HTMLInputElement>("input[type='checkbox']");
    if (!checkbox) return;
    const describedBy = [activeError ? errorId : null, hintId].filter(Boolean).join(" ");
    if (checkbox.getAttribute("aria-describedby") !== describedBy) checkbox.setAttribute("aria-describedby", describedBy);
    if (activeError) {
      if (checkbox.getAttribute("aria-invalid") !== "true") checkbox.setAttribute("aria-invalid", "true");
    } else if (checkbox.hasAttribute("aria-invalid")) {
      checkbox.removeAttribute("aria-invalid");
    }
  }, [activeError, errorId, hintId]);

  useEffect(() => {
    const widget = widgetRef.current;
    if (status !== "ready" || !widget) return;
    syncAria();
    const observer = new MutationObserver(syncAria);
    observer.observe(widget, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [status, syncAria]);

  // Progress is announced politely: the label changes too, but screen readers rarely read a
  // change to the focused element's name.
  useEffect(() => {
    const widget = widgetRef.current;
    if (status !== "ready" || !widget) return;
    const onStateChange = (event: Event) => {
      setWidgetState((event as CustomEvent<{ state?: WidgetState }>).detail?.state ?? null);
    };
    widget.addEventListener("statechange", onStateChange);
    return () => widget.removeEventListener("statechange", onStateChange);
  }, [status]);
  const announcement =
    widgetState === "verifying" || widgetState === "verified" || widgetState === "expired"
      ? text(widgetState)
      : widgetState === "error"
        ? text("failed")
        : "";

  // After the server has seen a solution (whatever it answered), that solution is spent.
  const lastResetKey = useRef(resetKey);
  useEffect(() => {
    if (Object.is(lastResetKey.current, resetKey)) return;
    lastResetKey.current = resetKey;
    const widget = widgetRef.current;
    // Resetting rebuilds the checkbox; keep keyboard focus on it if it was there, or if the form
    // just sent focus to it (it is the field in error) and the rebuild dropped it on <body>.
    const hadFocus = Boolean(widget?.contains(document.activeElement));
    widget?.reset?.(); // fires "statechange" (unverified), which clears the announcement
    const frame = requestAnimationFrame(() => {
      if (hadFocus || (error && document.activeElement === document.body)) {
        widget?.querySelector<HTMLInputElement>("input[type='checkbox']")?.focus();
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [resetKey, error]);

  return (
    <fieldset className="min-w-0">
      <legend className="mb-1.5 block text-sm font-medium text-slate-800 dark:text-slate-200">
        {text("legend")}
      </legend>
      <p id={hintId} className="mb-2 text-sm text-slate-600 dark:text-slate-400">
        {text("hint")}
      </p>
      {/* Reserves the widget's height so nothing jumps when it appears. */}
      <div className="min-h-[2.875rem]">
        {status === "ready" ? (
          <altcha-widget
            ref={widgetRef}
            challenge={CHALLENGE_URL}
            type="native"
            name={CAPTCHA_FIELD_NAME}
            language={lang}
            configuration={WIDGET_CONFIGURATION}
            style={activeError ? invalidWidgetStyle : widgetStyle}
          />
        ) : status === "loading" ? (
          <p className="flex min-h-[2.875rem] items-center rounded-lg border border-slate-300 px-3 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            {text("loading")}
          </p>
        ) : (
          <p role="alert" className="flex min-h-[2.875rem] items-center rounded-lg border border-red-300 px-3 text-sm font-medium text-red-700 dark:border-red-800 dark:text-red-300">
            {text("unavailable")}
          </p>
        )}
      </div>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {activeError ? (
        <p id={errorId} className="mt-1.5 text-sm font-medium text-red-700 dark:text-red-300">
          {errorText(activeError)}
        </p>
      ) : null}
    </fieldset>
  );
}
