// Probable duplicates as a member sees them before saving: each matching rule on its own, the
// reasons named, free-mail domains and other workspaces never matching, and a Sales rep who sees
// only their own records not told about anyone else's.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { customerInputSchema, type CustomerInput } from "@/lib/validation/customer";
import { contactInputSchema } from "@/lib/validation/contact";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "../context";
import { createCustomer, updateCustomer } from "./write-customer";
import { createContact } from "./write-contact";
import { findProbableDuplicates } from "./find-duplicates";

let ws: TestWorkspace;
let owner: MemberContext;
let rep: MemberContext;
let outsider: MemberContext;

function input(overrides: Partial<Record<string, unknown>> = {}): CustomerInput {
  return customerInputSchema.parse({ name: "Acme", ownerId: owner.user.id, ...overrides });
}

async function customer(ctx: MemberContext, overrides: Partial<Record<string, unknown>>) {
  const created = await createCustomer(ctx, input(overrides), { confirmDuplicate: true });
  if (!created.ok) throw new Error("setup");
  return created.id;
}

beforeAll(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  rep = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  const other = await createWorkspace();
  outsider = memberContext(other.owner, other.tenant);
});

describe("probable duplicates", () => {
  it("warns about “Globex Corp” at https://www.globex.com when “Globex Corporation” at globex.com exists, naming both reasons", async () => {
    const globex = await customer(owner, { name: "Globex Corporation", website: "globex.com" });
    const attempt = await createCustomer(owner, input({ name: "Globex Corp", website: "https://www.globex.com" }));
    expect(attempt).toMatchObject({ ok: false, reason: "duplicates" });
    if (attempt.ok || attempt.reason !== "duplicates") throw new Error("expected duplicates");
    expect(attempt.duplicates).toEqual([{ kind: "customer", id: globex, customerId: globex, name: "Globex Corporation", reasons: ["name", "website"] }]);
    expect(await systemDb().customer.count({ where: { tenantId: ws.tenant.id, name: "Globex Corp" } })).toBe(0);
  });

  it("ignores case, accents, punctuation and legal suffixes in names, in Latin script and Chinese", async () => {
    const cafe = await customer(owner, { name: "Café Lumière S.A.S." });
    const huaxing = await customer(owner, { name: "华兴科技有限公司" });
    const vandelay = await customer(owner, { name: "Vandelay Industries, Co. Ltd" });
    expect(await findProbableDuplicates(owner, { name: "CAFE LUMIERE" })).toMatchObject([{ id: cafe, reasons: ["name"] }]);
    expect(await findProbableDuplicates(owner, { name: "华兴科技股份有限公司" })).toMatchObject([{ id: huaxing, reasons: ["name"] }]);
    expect(await findProbableDuplicates(owner, { name: "vandelay industries llc" })).toMatchObject([{ id: vandelay, reasons: ["name"] }]);
    // A name that is only a legal form keeps its words rather than matching every "Inc".
    await customer(owner, { name: "Inc." });
    expect(await findProbableDuplicates(owner, { name: "Ltd" })).toEqual([]);
  });

  it("finds a similar name (a typo) but not a merely related one", async () => {
    const initech = await customer(owner, { name: "Initech Solutions" });
    expect(await findProbableDuplicates(owner, { name: "Inittech Solutions Inc" })).toMatchObject([{ id: initech, reasons: ["similarName"] }]);
    expect(await findProbableDuplicates(owner, { name: "Initrode Logistics" })).toEqual([]);
  });

  it("matches a website's domain against other customers' contacts' email domains, but never a free-mail domain", async () => {
    const hooli = await customer(owner, { name: "Hooli XYZ" });
    await createContact(owner, contactInputSchema.parse({ customerId: hooli, name: "Gavin", email: "gavin@hooli.example" }));
    const gmailUser = await customer(owner, { name: "Pied Piper", website: "https://gmail.com" });
    await createContact(owner, contactInputSchema.parse({ customerId: gmailUser, name: "Richard", email: "richard@gmail.com" }));
    await createContact(owner, contactInputSchema.parse({ customerId: gmailUser, name: "Jian", email: "jian@qq.com" }));
    expect(await findProbableDuplicates(owner, { name: "Nucleus", website: "http://www.hooli.example/about" })).toMatchObject([{ id: hooli, reasons: ["emailDomain"] }]);
    expect(await findProbableDuplicates(owner, { name: "Raviga", website: "gmail.com" })).toEqual([]);
    expect(await findProbableDuplicates(owner, { name: "Raviga", website: "https://www.qq.com/" })).toEqual([]);
    expect(await systemDb().customer.findFirst({ where: { tenantId: ws.tenant.id, id: gmailUser }, select: { websiteDomain: true } })).toEqual({ websiteDomain: null });
  });

  it("matches a phone in E.164 however it was typed", async () => {
    const phoned = await customer(owner, { name: "Soylent", phone: "+1 (415) 555-0100" });
    expect(await findProbableDuplicates(owner, { phones: ["+14155550100"] })).toMatchObject([{ id: phoned, reasons: ["phone"] }]);
    const typed = input({ name: "Something Else", phone: "415 555 0100", phoneCountry: "US" });
    expect(typed.phone).toBe("+14155550100");
    expect(await createCustomer(owner, typed)).toMatchObject({ ok: false, reason: "duplicates", duplicates: [{ id: phoned, reasons: ["phone"] }] });
  });

  it("warns on an edit that makes a record look like another, and not about the record itself", async () => {
    const target = await customer(owner, { name: "Umbrella Corporation", website: "umbrella.example" });
    const edited = await customer(owner, { name: "Tyrell" });
    expect(await updateCustomer(owner, edited, 1, input({ name: "Umbrella Corp" }))).toMatchObject({ ok: false, reason: "duplicates", duplicates: [{ id: target, reasons: ["name"] }] });
    expect(await findProbableDuplicates(owner, { name: "Umbrella", website: "umbrella.example", excludeCustomerId: target })).toEqual([]);
  });

  it("never reports another workspace's records, nor records a Sales rep who sees only their own can't see", async () => {
    await customer(owner, { name: "Wayne Enterprises", website: "wayne.example" });
    expect(await findProbableDuplicates(outsider, { name: "Wayne Enterprises", website: "wayne.example" })).toEqual([]);
    await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
    try {
      expect(await findProbableDuplicates(rep, { name: "Wayne Enterprises Inc" })).toEqual([]);
    } finally {
      await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: false } });
    }
    expect(await findProbableDuplicates(rep, { name: "Wayne Enterprises Inc" })).toHaveLength(1);
  });
});
