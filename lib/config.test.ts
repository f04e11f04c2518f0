import { describe, expect, it } from "vitest";
import { isMailboxEnabled } from "./config";

// The mailbox holds every sign-in link and code, so who gets it is a security rule: on for the
// quick start (which has no other way to deliver an invitation), off for a real deployment.

const production = { NODE_ENV: "production" } as const;
const quickStart = { ...production, EMBEDDED_DATABASE: "true" } as const;

describe("isMailboxEnabled", () => {
  it("is on for npm start's defaults: production build, embedded database, no provider", () => {
    expect(isMailboxEnabled(quickStart)).toBe(true);
  });

  it("is off in production on the operator's own database", () => {
    expect(isMailboxEnabled(production)).toBe(false);
    expect(isMailboxEnabled({ ...production, DATABASE_URL: "postgres://db.internal/relay" })).toBe(false);
    expect(isMailboxEnabled({ ...production, EMBEDDED_DATABASE: "" })).toBe(false);
    expect(isMailboxEnabled({ ...production, EMBEDDED_DATABASE: "yes" })).toBe(false);
  });

  it("is off on the embedded database once a real email or SMS provider delivers the messages", () => {
    expect(isMailboxEnabled({ ...quickStart, RESEND_API_KEY: "re_123" })).toBe(false);
    expect(isMailboxEnabled({ ...quickStart, SMS_PROVIDER: "Twilio" })).toBe(false);
    // Blank values are no provider.
    expect(isMailboxEnabled({ ...quickStart, RESEND_API_KEY: "  ", SMS_PROVIDER: "" })).toBe(true);
  });

  it("follows MAILBOX_ENABLED when the operator sets it", () => {
    expect(isMailboxEnabled({ ...production, MAILBOX_ENABLED: "true" })).toBe(true);
    expect(isMailboxEnabled({ ...quickStart, MAILBOX_ENABLED: "false" })).toBe(false);
    expect(isMailboxEnabled({ NODE_ENV: "development", MAILBOX_ENABLED: "false" })).toBe(false);
  });

  it("is on in development", () => {
    expect(isMailboxEnabled({ NODE_ENV: "development" })).toBe(true);
    expect(isMailboxEnabled({ NODE_ENV: "test" })).toBe(true);
  });
});
