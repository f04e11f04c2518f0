// The per-IP sign-in limit in proxy.ts covers the new ways to try credentials: passkey assertions
// (sign-in and second factor) and using an emailed link. Options and the waiting tab's poll are
// not sign-in attempts (the options route has its own per-IP ceiling).
import { describe, expect, it } from "vitest";
import { isAuthEndpoint } from "@/lib/auth/auth-endpoints";

describe("sign-in endpoints counted by the per-IP limit", () => {
  it("include passkey verification and emailed-link use", () => {
    expect(isAuthEndpoint("/api/acme/passkeys/sign-in/verify")).toBe(true);
    expect(isAuthEndpoint("/api/acme/passkeys/second-factor/verify")).toBe(true);
    expect(isAuthEndpoint("/acme/login/link/abcDEF123_-")).toBe(true);
    expect(isAuthEndpoint("/acme/login")).toBe(true);
  });

  it("leave out what is not a credential", () => {
    expect(isAuthEndpoint("/api/acme/passkeys/sign-in/options")).toBe(false);
    expect(isAuthEndpoint("/api/acme/passkeys/register/verify")).toBe(false);
    expect(isAuthEndpoint("/api/acme/sign-in-link/status")).toBe(false);
  });
});
