"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { buttonStyles } from "@/components/ui/button-styles";
import { AuthJsPostForm } from "./auth-js-post-form";

export type SsoButton = { providerId: string; displayName: string; allowedDomains: string[] };

const domainOf = (value: string) => {
  const at = value.trim().lastIndexOf("@");
  return at > 0 ? value.trim().slice(at + 1).toLowerCase() : null;
};

/**
 * "Sign in with <company>" for each enabled connection. When the username typed in the password
 * form is an address of a connection's domain, that connection is offered first, with a note
 * (the form is another component; its field is found by name, as the browser posts it).
 */
export function SsoSignIn({ connections, next }: { connections: SsoButton[]; next: string | null }) {
  const t = useTranslations("sso");
  const [typedDomain, setTypedDomain] = useState<string | null>(null);

  useEffect(() => {
    const onInput = (event: Event) => {
      const target = event.target;
      if (target instanceof HTMLInputElement && target.name === "username") setTypedDomain(domainOf(target.value));
    };
    document.addEventListener("input", onInput);
    // An address typed (or filled in by the browser) before this component hydrated sent its
    // input events to nobody: read what the field already holds.
    const field = document.querySelector<HTMLInputElement>('input[name="username"]');
    if (field?.value) setTypedDomain(domainOf(field.value));
    return () => document.removeEventListener("input", onInput);
  }, []);

  const offered = typedDomain ? connections.find((connection) => connection.allowedDomains.includes(typedDomain)) : undefined;
  const ordered = offered ? [offered, ...connections.filter((connection) => connection !== offered)] : connections;

  return (
    <div className="space-y-3" data-testid="sso-sign-in">
      <div role="status" aria-live="polite">
        {offered ? (
          <p className="rounded-lg border border-brand-200 bg-brand-50 px-4 py-3 text-sm text-brand-900 dark:border-brand-800 dark:bg-brand-950 dark:text-brand-100" data-testid="sso-offered">
            {t("offered", { name: offered.displayName, domain: typedDomain ?? "" })}
          </p>
        ) : null}
      </div>
      {ordered.map((connection) => (
        <AuthJsPostForm
          key={connection.providerId}
          providerId={connection.providerId}
          intent="sign-in"
          next={next}
          buttonClassName={`${connection === offered ? buttonStyles.primary : buttonStyles.secondary} w-full`}
          testId={`sso-button-${connection.providerId}`}
        >
          {t("signInWith", { name: connection.displayName })}
        </AuthJsPostForm>
      ))}
    </div>
  );
}
