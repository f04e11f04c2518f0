// "Find my workspaces": one email listing every workspace the address is an active member of,
// with its login link, and nothing at all for an address nobody knows.
import { describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { appUrl } from "@/lib/config";
import { emailWorkspaceList } from "./email-workspace-list";
import { addMember, createWorkspace, emailsTo, uniqueSuffix } from "@/test/factories";

describe("emailWorkspaceList", () => {
  it("sends one email listing each workspace the address is an active member of, with its login link", async () => {
    const email = `sam-${uniqueSuffix()}@example.test`;
    const first = await createWorkspace({ companyName: "First & Co" });
    const second = await createWorkspace(); // Sam owns this one
    const deactivatedIn = await createWorkspace();
    const notMember = await createWorkspace();
    await addMember(first.tenant.id, "SALES_REP", { email });
    await systemDb().user.update({
      where: { tenantId_id: { tenantId: second.tenant.id, id: second.owner.id } },
      data: { email },
    });
    await addMember(deactivatedIn.tenant.id, "ADMIN", { email, status: "DEACTIVATED" });
    await addMember(notMember.tenant.id, "ADMIN", { email: `someone-else-${uniqueSuffix()}@example.test` });

    // Typed in another case, with spaces: it is the same address.
    expect(await emailWorkspaceList(`  ${email.toUpperCase()} `, "en")).toBe(2);

    const emails = await emailsTo(email);
    expect(emails).toHaveLength(1);
    const [message] = emails;
    expect(message).toMatchObject({ to: email, template: "find-workspaces", tenantId: null });
    for (const listed of [first, second]) {
      const loginUrl = `${appUrl()}/${listed.tenant.slug}/login`;
      expect(message!.text).toContain(listed.tenant.name);
      expect(message!.text).toContain(loginUrl);
      expect(message!.html).toContain(`href="${loginUrl}"`);
    }
    expect(message!.html).toContain("First &amp; Co");
    for (const unlisted of [deactivatedIn, notMember]) {
      expect(message!.text).not.toContain(`/${unlisted.tenant.slug}/login`);
      expect(message!.text).not.toContain(unlisted.tenant.name);
    }
  });

  it("writes the email in the requested language, English when the language is unknown", async () => {
    const email = `lin-${uniqueSuffix()}@example.test`;
    const ws = await createWorkspace();
    await addMember(ws.tenant.id, "SALES_REP", { email });
    expect(await emailWorkspaceList(email, "zh-CN")).toBe(1);
    expect(await emailWorkspaceList(email, "xx-evil")).toBe(1);
    const [zh, fallback] = await emailsTo(email);
    expect(zh!.subject).toBe("您的 Relay CRM 工作区");
    expect(fallback!.subject).toBe("Your Relay CRM workspaces");
  });

  it("sends nothing for an unknown address (returns 0, no EmailMessage row)", async () => {
    const before = await systemDb().emailMessage.count();
    const unknown = `nobody-${uniqueSuffix()}@example.test`;
    expect(await emailWorkspaceList(unknown, "en")).toBe(0);
    expect(await emailsTo(unknown)).toHaveLength(0);
    expect(await systemDb().emailMessage.count()).toBe(before);
  });

  it("sends nothing to an address that is only a deactivated member", async () => {
    const email = `gone-${uniqueSuffix()}@example.test`;
    const ws = await createWorkspace();
    await addMember(ws.tenant.id, "SALES_REP", { email, status: "DEACTIVATED" });
    expect(await emailWorkspaceList(email, "en")).toBe(0);
    expect(await emailsTo(email)).toHaveLength(0);
  });
});
