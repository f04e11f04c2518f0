import { describe, expect, it } from "vitest";
import { renderEmailTemplate, type EmailTemplate } from ".";

const expiresAt = new Date("2026-03-05T15:45:00Z");
const acceptUrl = "https://relay.example/acme/invite/tok_123?x=1&y=2";

function invitation(overrides: Partial<Extract<EmailTemplate, { name: "invitation" }>["data"]> = {}) {
  return {
    name: "invitation",
    data: {
      workspaceName: "Acme Ltd",
      inviterName: "Alice Chen",
      role: "Sales rep",
      acceptUrl,
      expiresAt,
      ...overrides,
    },
  } as const;
}

describe("invitation email", () => {
  it("renders English with inviter, workspace, role, button, UTC expiry and the plain link", async () => {
    const email = await renderEmailTemplate(invitation(), "en");
    expect(email.subject).toBe("Alice Chen invited you to join Acme Ltd on Relay CRM");
    expect(email.html).toMatch(/<html [^>]*lang="en"/);
    expect(email.html).toContain("Alice Chen invited you to join Acme Ltd on Relay CRM as Sales rep.");
    expect(email.html).toContain(`href="${acceptUrl.replaceAll("&", "&amp;")}"`);
    expect(email.html).toContain("Accept invitation");
    expect(email.html).toContain("March 5, 2026");
    expect(email.html).toContain("3:45 PM UTC");
    expect(email.html).toContain("sent by Relay CRM");
    expect(email.text).toContain("Alice Chen invited you to join Acme Ltd on Relay CRM as Sales rep.");
    expect(email.text).toContain(acceptUrl);
    expect(email.text).toContain("March 5, 2026");
    expect(email.text).toContain("sent by Relay CRM");
  });

  it("renders Simplified Chinese with a Chinese date and footer", async () => {
    const email = await renderEmailTemplate(invitation({ role: "销售代表", workspaceName: "远航科技" }), "zh-CN");
    expect(email.subject).toBe("Alice Chen 邀请您加入 Relay CRM 上的「远航科技」");
    expect(email.html).toMatch(/<html [^>]*lang="zh-CN"/);
    expect(email.html).toContain("Alice Chen 邀请您以销售代表身份加入 Relay CRM 上的「远航科技」工作区。");
    expect(email.html).toContain("接受邀请");
    expect(email.html).toContain("2026年3月5日");
    expect(email.html).toContain("UTC 15:45");
    expect(email.html).toContain("此邮件由 Relay CRM 发送。");
    expect(email.html).not.toContain("Accept invitation");
    expect(email.text).toContain(acceptUrl);
    expect(email.text).toContain("此邮件由 Relay CRM 发送。");
  });

  it("escapes a malicious workspace and inviter name in the HTML and keeps the subject on one line", async () => {
    const workspaceName = `<script>alert("x")</script><img src=x onerror='steal()'>`;
    const email = await renderEmailTemplate(
      invitation({ workspaceName, inviterName: "Mallory\r\nBcc: victim@example.com" }),
      "en",
    );
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#x27;steal()&#x27;&gt;");
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain("Mallory Bcc: victim@example.com");
    // The plain-text part is not HTML, so the name appears as typed.
    expect(email.text).toContain(workspaceName);
  });

  it("refuses a link that is not http(s)", async () => {
    await expect(renderEmailTemplate(invitation({ acceptUrl: "javascript:alert(1)" }), "en")).rejects.toThrow(/http or https/);
  });
});

describe("find-workspaces email", () => {
  const workspaces = [
    { name: "Acme & Sons", loginUrl: "https://relay.example/acme/login" },
    { name: "远航科技", loginUrl: "https://relay.example/yuanhang/login" },
  ];

  it("lists every workspace's login link in English, with the ignore line", async () => {
    const email = await renderEmailTemplate({ name: "find-workspaces", data: { workspaces } }, "en");
    expect(email.subject).toBe("Your Relay CRM workspaces");
    expect(email.html).toMatch(/<html [^>]*lang="en"/);
    expect(email.html).toContain('href="https://relay.example/acme/login"');
    expect(email.html).toContain("Acme &amp; Sons");
    expect(email.html).toContain("If you didn&#x27;t ask for this, you can ignore this email.");
    expect(email.text).toContain("- Acme & Sons: https://relay.example/acme/login");
    expect(email.text).toContain("- 远航科技: https://relay.example/yuanhang/login");
    expect(email.text).toContain("If you didn't ask for this, you can ignore this email.");
    expect(email.text).toContain("sent by Relay CRM");
  });

  it("renders Simplified Chinese", async () => {
    const email = await renderEmailTemplate({ name: "find-workspaces", data: { workspaces } }, "zh-CN");
    expect(email.subject).toBe("您的 Relay CRM 工作区");
    expect(email.html).toMatch(/<html [^>]*lang="zh-CN"/);
    expect(email.html).toContain("如果这不是您本人发起的请求，忽略此邮件即可。");
    expect(email.text).toContain("https://relay.example/yuanhang/login");
    expect(email.text).toContain("此邮件由 Relay CRM 发送。");
  });

  it("says so when the address belongs to no workspace", async () => {
    const email = await renderEmailTemplate({ name: "find-workspaces", data: { workspaces: [] } }, "en");
    expect(email.text).toContain("doesn't belong to any Relay CRM workspace");
    expect(email.html).not.toContain("<ul");
  });
});
