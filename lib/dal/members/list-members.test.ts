// The members page's list: search and filters stay inside the workspace, employee numbers are
// shown as typed and found in any case, and each row says which second factors the member has.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "@/lib/dal/context";
import type { User } from "@/lib/generated/prisma/client";
import { listMembers } from "./list-members";
import { parseMemberListFilter } from "./member-list-query";

let A: TestWorkspace;
let B: TestWorkspace;
let owner: MemberContext;
let mei: User;
let ravi: User;
let gone: User;
let underscore: User;

beforeAll(async () => {
  A = await createWorkspace();
  B = await createWorkspace();
  owner = memberContext(A.owner, A.tenant);
  mei = await addMember(A.tenant.id, "MANAGER", { name: "Mei Manager", email: `mei-${A.tenant.slug}@example.test`, employeeNumber: "E2001" });
  ravi = await addMember(A.tenant.id, "SALES_REP", { name: "Ravi Rep", email: `ravi-${A.tenant.slug}@example.test`, employeeNumber: "E2002" });
  gone = await addMember(A.tenant.id, "SALES_REP", { name: "Gone Rep", status: "DEACTIVATED" });
  underscore = await addMember(A.tenant.id, "READ_ONLY", { name: "Una_Score" });
  // Workspace B has look-alikes of everyone: none of them may ever be listed in A.
  await addMember(B.tenant.id, "MANAGER", { name: "Mei Manager", employeeNumber: "E2001" });
  await addMember(B.tenant.id, "SALES_REP", { name: "Ravi Rep", status: "DEACTIVATED" });
});

async function names(filter: Parameters<typeof listMembers>[1]) {
  return (await listMembers(owner, filter)).map((row) => row.name).sort();
}

async function ids(filter: Parameters<typeof listMembers>[1]) {
  return (await listMembers(owner, filter)).map((row) => row.id).sort();
}

describe("searching the members list", () => {
  it("finds by name, email or employee number, in any case, and only in the own workspace", async () => {
    expect(await ids({ q: "mei man" })).toEqual([mei.id]);
    expect(await ids({ q: "MEI-" })).toEqual([mei.id]);
    expect(await ids({ q: "e2001" })).toEqual([mei.id]);
    expect(await ids({ q: "E200" })).toEqual([mei.id, ravi.id].sort());
  });

  it("takes % and _ literally", async () => {
    expect(await ids({ q: "_" })).toEqual([underscore.id]);
    expect(await ids({ q: "%" })).toEqual([]);
  });

  it("filters by role and by status, alone or together, without reaching another workspace", async () => {
    expect(await ids({ role: "SALES_REP" })).toEqual([ravi.id, gone.id].sort());
    expect(await ids({ status: "DEACTIVATED" })).toEqual([gone.id]);
    expect(await ids({ role: "SALES_REP", status: "ACTIVE" })).toEqual([ravi.id]);
    expect(await names({ role: "MANAGER", q: "mei" })).toEqual(["Mei Manager"]);
    const everyone = await ids({});
    expect(everyone).toHaveLength(5);
    const inB = (await systemDb().user.findMany({ where: { tenantId: B.tenant.id }, select: { id: true } })).map((row) => row.id);
    for (const id of inB) expect(everyone).not.toContain(id);
  });

  it("shows the employee number as it was typed", async () => {
    const [row] = await listMembers(owner, { q: "e2001" });
    expect(row?.employeeNumber).toBe("E2001");
  });
});

describe("the second factors column", () => {
  it("says which factors each member has: app, SMS, email codes and how many passkeys", async () => {
    const tenantId = A.tenant.id;
    await systemDb().totpFactor.create({ data: { tenantId, userId: mei.id, secretSealed: "sealed", confirmedAt: new Date() } });
    await systemDb().phoneFactor.create({ data: { tenantId, userId: mei.id, phone: "+8613800138000", verifiedAt: new Date() } });
    await systemDb().emailCodeFactor.create({ data: { tenantId, userId: mei.id } });
    for (const n of [1, 2]) {
      await systemDb().passkey.create({ data: { tenantId, userId: mei.id, credentialId: `cred-${n}-${mei.id}`, publicKey: Buffer.from([n]), name: `Key ${n}` } });
    }
    // Set up but never confirmed: not a factor yet.
    await systemDb().totpFactor.create({ data: { tenantId, userId: ravi.id, secretSealed: "sealed" } });
    await systemDb().phoneFactor.create({ data: { tenantId, userId: ravi.id, phone: "+8613800138001" } });

    const rows = await listMembers(owner);
    expect(rows.find((row) => row.id === mei.id)?.factors).toEqual({ app: true, sms: true, emailCodes: true, passkeys: 2 });
    expect(rows.find((row) => row.id === ravi.id)?.factors).toEqual({ app: false, sms: false, emailCodes: false, passkeys: 0 });
  });
});

describe("the URL's filters", () => {
  it("reads lowercase role and status, trims the search, and names what it couldn't use", () => {
    expect(parseMemberListFilter({ q: "  mei ", role: "sales_rep", status: "active" })).toEqual({
      filter: { q: "mei", role: "SALES_REP", status: "ACTIVE" },
      ignored: [],
    });
    expect(parseMemberListFilter({ q: "x".repeat(201), role: "boss", status: ["gone", "active"] })).toEqual({
      filter: {},
      ignored: ["q", "role", "status"],
    });
    expect(parseMemberListFilter({ q: "", role: " " })).toEqual({ filter: {}, ignored: [] });
  });
});

describe("the order of names", () => {
  it("follows the reader: pinyin for a reader of Chinese, active members first either way", async () => {
    const C = await createWorkspace();
    const ctx = memberContext(C.owner, C.tenant);
    for (const name of ["张伟", "李娜", "王芳"]) await addMember(C.tenant.id, "SALES_REP", { name });
    await addMember(C.tenant.id, "SALES_REP", { name: "阿里", status: "DEACTIVATED" });
    const order = async (locale: "en" | "zh-CN") =>
      (await listMembers(ctx, {}, locale)).filter((row) => row.id !== C.owner.id).map((row) => row.name);
    // Pinyin: li, wang, zhang; the English reader's order follows the characters' code points.
    expect(await order("zh-CN")).toEqual(["李娜", "王芳", "张伟", "阿里"]);
    expect(await order("en")).toEqual(["张伟", "李娜", "王芳", "阿里"]);
  });
});
