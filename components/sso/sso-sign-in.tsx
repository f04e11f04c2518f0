"use client";
import { useSyncExternalStore } from "react";
import { useTranslations } from "next-intl";
import { buttonStyles } from "@/components/ui/button-styles";
import { AuthJsPostForm } from "./auth-js-post-form";

export type SsoButton = { providerId: string; displayName: string; allowedDomains: string[] };

const domainOf = (value: string) => {
  const at = value.trim().lastIndexOf("@");
  return at > 0 ? value.trim().slice(at + 1).toLowerCase() : null;
};

// The username field belongs to another component (the password form), so it is read from the
// document: the input it last typed into, or else the field as it stands. Reading the field too
// matters for an address typed, or filled in by the browser, before this component hydrated:
// its input events went to nobody.
let lastTypedUsername: string | null = null;

function subscribeToUsername(onChange: () => void) {
  lastTypedUsername = null; // a login page opened afresh: what an earlier one typed is gone
  const onInput = (event: Event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.name === "username") {
      lastTypedUsername = target.value;
      onChange();
    }
  };
  document.addEventListener("input", onInput);
  return () => document.removeEventListener("input", onInput);
}

function typedUsernameDomain() {
  const value = lastTypedUsername ?? document.querySelector<HTMLInputElement>('input[name="username"]')?.value ?? "";
  return domainOf(value);
}

/**
 * "Sign in with <company>" for each enabled connection. When the username typed in the password
 * form is an address of a connection's domain, that connection is offered first, with a note
 * (the form is another component; its field is found by name, as the browser posts it).
 */
export function SsoSignIn({ connections, next }: { connections: SsoButton[]; next: string | null }) {
  const t = useTranslations("sso");
  const typedDomain = useSyncExternalStore(subscribeToUsername, typedUsernameDomain, () => null);

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
