import { afterEach, describe, expect, it, vi } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { isMailboxEnabled, listOutbox } from "../outbox";
import { sendEmail } from "../send-email";
import { outboxTransport } from "./outbox";
import { selectEmailTransport } from "./select-transport";

const findWorkspaces = {
  name: "find-workspaces",
  data: { workspaces: [{ name: "Acme", loginUrl: "https://relay.example/acme/login" }] },
} as const;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("outbox transport", () => {
  it("stores the rendered email in EmailMessage and delivers nothing else", async () => {
    vi.stubEnv("RESEND_API_KEY", "");
    const result = await sendEmail({ to: " Bob@Example.com ", locale: "en", template: findWorkspaces });

    expect(result.status).toBe("stored");
    const row = await systemDb().emailMessage.findUniqueOrThrow({ where: { id: result.id } });
    expect(row).toMatchObject({
      to: "bob@example.com",
      tenantId: null,
      subject: "Your Relay CRM workspaces",
      template: "find-workspaces",
      transport: "outbox",
      status: "stored",
      providerId: null,
      error: null,
    });
    expect(row.html).toContain('<a href="https://relay.example/acme/login"');
    expect(row.text).toContain("https://relay.example/acme/login");
  });

  it("records the tenant an email belongs to", async () => {
    const tenant = await systemDb().tenant.create({ data: { slug: "acme-outbox", name: "Acme" } });
    const result = await sendEmail(
      {
        to: "carol@example.com",
        locale: "zh-CN",
        tenantId: tenant.id,
        template: {
          name: "invitation",
          data: {
            workspaceName: "Acme",
            inviterName: "Alice",
            role: "管理员",
            acceptUrl: "https://relay.example/acme/invite/abc",
            expiresAt: new Date("2026-01-01T00:00:00Z"),
          },
        },
      },
      { transport: outboxTransport },
    );
    const row = await systemDb().emailMessage.findUniqueOrThrow({ where: { id: result.id } });
    expect(row.tenantId).toBe(tenant.id);
    expect(row.subject).toBe("Alice 邀请您加入 Relay CRM 上的「Acme」");
  });
});

describe("listOutbox", () => {
  it("lists one recipient's emails newest first, in any case, up to the limit", async () => {
    const to = "dave@example.com";
    const first = await sendEmail({ to, locale: "en", template: findWorkspaces }, { transport: outboxTransport });
    const second = await sendEmail({ to, locale: "zh-CN", template: findWorkspaces }, { transport: outboxTransport });
    await sendEmail({ to: "someone-else@example.com", locale: "en", template: findWorkspaces }, { transport: outboxTransport });
    // Pin distinct timestamps so the order under test does not depend on the clock's resolution.
    await systemDb().emailMessage.update({ where: { id: first.id }, data: { createdAt: new Date("2026-01-01T00:00:00Z") } });
    await systemDb().emailMessage.update({ where: { id: second.id }, data: { createdAt: new Date("2026-01-02T00:00:00Z") } });

    const messages = await listOutbox({ to: "DAVE@example.com" });
    expect(messages.map((message) => message.id)).toEqual([second.id, first.id]);
    expect(messages[0]?.subject).toBe("您的 Relay CRM 工作区");

    const newest = await listOutbox({ to, limit: 1 });
    expect(newest.map((message) => message.id)).toEqual([second.id]);
  });
});

describe("transport selection and mailbox switch", () => {
  it("uses Resend only when RESEND_API_KEY is set", () => {
    expect(selectEmailTransport({ RESEND_API_KEY: "re_123" }).name).toBe("resend");
    expect(selectEmailTransport({ RESEND_API_KEY: "  " }).name).toBe("outbox");
    expect(selectEmailTransport({}).name).toBe("outbox");
  });

  it("enables the mailbox outside production, and in production only when asked", () => {
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("MAILBOX_ENABLED", "");
    expect(isMailboxEnabled()).toBe(true);
    vi.stubEnv("NODE_ENV", "production");
    expect(isMailboxEnabled()).toBe(false);
    vi.stubEnv("MAILBOX_ENABLED", "true");
    expect(isMailboxEnabled()).toBe(true);
  });
});
