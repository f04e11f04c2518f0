import { isHttpsDeployment } from "@/lib/config";

// `__Host-` forces Secure, Path=/ and no Domain, so a sibling subdomain cannot plant or read it.
export function sessionCookieName(): string {
  return isHttpsDeployment() ? "__Host-relay_session" : "relay_session";
}

export function sessionCookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: isHttpsDeployment(),
    path: "/",
    maxAge: maxAgeSeconds,
  };
}
