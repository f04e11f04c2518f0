import { summarizeUserAgent } from "./user-agent-summary";

export { summarizeUserAgent, type DeviceSummary } from "./user-agent-summary";

/** "Chrome · Windows" from a User-Agent string: enough to recognise a device in a list or an email. */
export function describeUserAgent(userAgent: string): string {
  const { browser, os } = summarizeUserAgent(userAgent);
  if (browser && os) return `${browser} · ${os}`;
  return browser ?? os ?? userAgent.slice(0, 60);
}
