import { describe, expect, it } from "vitest";
import { renderEmailTemplate } from ".";

const data = {
  workspaceName: "Acme <Ltd>",
  signInUrl: "https://relay.example/acme/login/link/tok_123",
  expiresAt: new Date("2026-03-05T15:45:00Z"),
  requestedAt: new Date("2026-03-05T15:35:00Z"),
  ip: "203.0.113.9",
  device: "Chrome · macOS",
};

describe("sign-in link email", () => {
  it("names the workspace, the expiry and the request, with the link in both parts", async () => {
    const email = await renderEmailTemplate({ name: "sign-in-link", data }, "en");
    expect(email.subject).toBe("Your sign-in link for Acme <Ltd>");
    expect(email.html).toContain("Sign in to Acme &lt;Ltd&gt;");
    expect(email.html).not.toContain("<Ltd>");
    expect(email.html).toContain('href="https://relay.example/acme/login/link/tok_123"');
    expect(email.text).toContain("https://relay.example/acme/login/link/tok_123");
    expect(email.text).toContain("expires on March 5, 2026");
    expect(email.text).toContain("- IP address: 203.0.113.9");
    expect(email.text).toContain("- Device: Chrome · macOS");
    expect(email.text).toContain("3:35 PM UTC");
  });

  it("speaks Simplified Chinese", async () => {
    const email = await renderEmailTemplate({ name: "sign-in-link", data: { ...data, workspaceName: "远航科技" } }, "zh-CN");
    expect(email.subject).toBe("您的「远航科技」登录链接");
    expect(email.html).toMatch(/<html [^>]*lang="zh-CN"/);
    expect(email.text).toContain("2026年3月5日");
    expect(email.text).toContain("IP 地址: 203.0.113.9");
    expect(email.text).not.toContain("Sign in");
  });

  it("refuses a link that isn't http(s)", async () => {
    await expect(renderEmailTemplate({ name: "sign-in-link", data: { ...data, signInUrl: "javascript:alert(1)" } }, "en")).rejects.toThrow(/http or https/);
  });
});
