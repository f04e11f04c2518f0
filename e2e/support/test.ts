import { randomInt } from "node:crypto";
import { test as base } from "@playwright/test";

export { expect } from "@playwright/test";

// Every test is a different visitor on the network. Per-IP defences (sign-in throttling, the
// captcha that appears after repeated failures from one address, request-rate ceilings) would
// otherwise count all tests together, since every browser connects from 127.0.0.1, and one
// test's failed sign-ins would change what the next test sees. scripts/e2e-server.mjs starts the
// app with TRUST_PROXY=true, as it runs behind a load balancer in production, and each test's
// browser contexts and API requests send their own X-Forwarded-For address.
export function testClientIp(): string {
  return `10.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export const test = base.extend<{ clientIp: string }>({
  clientIp: async ({}, provide) => {
    await provide(testClientIp());
  },
  extraHTTPHeaders: async ({ extraHTTPHeaders, clientIp }, provide) => {
    await provide({ ...extraHTTPHeaders, "X-Forwarded-For": clientIp });
  },
});
