import { appUrl, isHttpsDeployment } from "@/lib/config";

// Who we are to WebAuthn. The RP ID is APP_URL's host name, so a passkey works for every app
// server behind the load balancer and for nothing else; credentials made for another site (a
// phishing copy of this one) are bound to that site's RP ID and never verify here.

export function relyingPartyId(): string {
  return new URL(appUrl()).hostname;
}

/** What the passkey prompt names: the product and the workspace, since a passkey belongs to one. */
export function relyingPartyName(workspaceName: string): string {
  return `Relay CRM · ${workspaceName.replace(/\s+/g, " ").trim().slice(0, 60)}`;
}

/**
 * The origins a browser may report in clientDataJSON. Over https only APP_URL's own origin.
 * Over plain http (development and the browser tests, where app servers listen on several ports
 * of localhost) also the origin the request came to, when it is on the RP ID's host.
 */
export function allowedOrigins(requestOrigin: string | null): string[] {
  const origins = [new URL(appUrl()).origin];
  if (requestOrigin && !isHttpsDeployment()) {
    try {
      const url = new URL(requestOrigin);
      if (url.protocol === "http:" && url.hostname === relyingPartyId() && !origins.includes(url.origin)) origins.push(url.origin);
    } catch {
      // Not a URL: only APP_URL's origin is allowed.
    }
  }
  return origins;
}
