"use client";
import { useEffect, useState } from "react";
import type { CommonVerdict } from "@/lib/auth/password-policy/feedback";

/** Long enough that a fast typist sends one request per pause, short enough to feel live. */
const ASK_AFTER_MS = 300;
const CHECK_URL = "/api/password-check";

/**
 * The common-password list's verdict for `password`, asked of the server (app/api/password-check)
 * once typing pauses: the list is 1.4 MB gzipped and stays on the server, the browser sends the
 * value to the same origin it is about to submit it to. Answers for older values are ignored.
 */
export function useCommonPasswordVerdict(password: string, enabled: boolean): CommonVerdict | null {
  const [verdict, setVerdict] = useState<CommonVerdict | null>(null);
  useEffect(() => {
    if (!enabled || password === "") return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(CHECK_URL, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ password }),
          cache: "no-store",
          signal: controller.signal,
        });
        const answer: unknown = response.ok ? await response.json() : null;
        const common = typeof answer === "object" && answer !== null ? (answer as { common?: unknown }).common : undefined;
        setVerdict(typeof common === "boolean" ? { password, common } : { password, state: "unavailable" });
      } catch {
        if (!controller.signal.aborted) setVerdict({ password, state: "unavailable" });
      }
    }, ASK_AFTER_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [password, enabled]);
  return verdict;
}
