// Search in Chinese: the character pairs the application computes for a query are the ones the
// database stores for a record (else the index would silently miss), and the searches built on
// them find two-character terms, keep order (pairs alone aren't enough), follow renames, and stay
// inside the member's workspace and visibility.
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { customerInputSchema } from "@/lib/validation/customer";
import { contactInputSchema } from "@/lib/validation/contact";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { MemberContext } from "../context";
import { listCustomers } from "../customers/list-customers";
import { createCustomer, updateCustomer } from "../customers/write-customer";
import { getCustomer } from "../customers/get-customer";
import { createContact } from "../customers/write-contact";
import { createOpportunity } from "../opportunities/write-opportunity";
import { listOpportunities } from "../opportunities/list-opportunities";
import { searchRecords } from "./search-records";
import { searchBigrams, searchNeedle } from "./text-match";

let ws: TestWorkspace;
let owner: MemberContext;
let rep: MemberContext;
let outsider: MemberContext;

beforeAll(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  rep = memberContext(await addMember(ws.tenant.id, "SALES_REP"), ws.tenant);
  const other = await createWorkspace();
  outsider = memberContext(other.owner, other.tenant);
  await systemDb().tenant.update({ where: { id: ws.tenant.id }, data: { repsSeeOwnRecordsOnly: true } });
});

async function customer(ctx: MemberContext, name: string) {
  const made = await createCustomer(ctx, customerInputSchema.parse({ name, ownerId: ctx.user.id }), { confirmDuplicate: true });
  if (!made.ok) throw new Error(JSON.stringify(made));
  return made.id;
}

const listNames = async (ctx: MemberContext, q: string) =>
  (await listCustomers(ctx, { sort: "name", dir: "asc", pageSize: 50, q })).rows.map((row) => row.name).sort();

describe("character pairs", () => {
  const samples = [
    "华兴科技有限公司",
    "华兴 | hx@huaxing.example.cn | +8610",
    "王小明",
    "café crème",
    "emoji 🚀🚀 rocket",
    "𠮷野家 (a surrogate pair)",
    "plain ascii only",
    "华",
    "",
  ];

  it("are computed by the application exactly as PostgreSQL's search_bigrams() stores them", async () => {
    for (const text of samples) {
      const [row] = await systemDb().$queryRaw<{ pairs: string[] }[]>`SELECT search_bigrams(${text}) AS pairs`;
      expect([...searchBigrams(text)].sort(), text).toEqual([...row!.pairs].sort());
    }
    expect(searchBigrams("plain ascii only")).toEqual([]);
    expect(searchBigrams("华兴科")).toEqual(["华兴", "兴科"]);
  });

  it("are what the generated columns hold, after a write through the application", async () => {
    const id = await customer(owner, "华创科技");
    const [row] = await systemDb().$queryRaw<{ stored: string[]; text: string }[]>`
      SELECT "searchBigrams" AS stored, "searchText" AS text FROM "Customer" WHERE "tenantId" = ${ws.tenant.id} AND "id" = ${id}`;
    expect([...row!.stored].sort()).toEqual([...searchBigrams(row!.text)].sort());
    expect(row!.stored).toEqual(expect.arrayContaining(["华创", "创科", "科技"]));
  });
});

describe("searching in Chinese", () => {
  it("finds two-character terms in customers, contacts and opportunities, in the list and Ctrl+K", async () => {
    const huaxing = await customer(owner, "华兴电子有限公司");
    await customer(owner, "兴华物流");
    await createContact(owner, contactInputSchema.parse({ customerId: huaxing, name: "王小明", email: "wang.xm@huaxing.example.cn" }));
    const stage = await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: ws.tenant.id }, orderBy: { position: "asc" } });
    const deal = await createOpportunity(owner, { title: "华兴 ERP 升级", customerId: huaxing, currency: "CNY", amount: "1000", stageId: stage.id });
    expect(deal.ok).toBe(true);

    expect(await listNames(owner, "华兴")).toEqual(["华兴电子有限公司"]);
    expect(await listNames(owner, "兴华")).toEqual(["兴华物流"]);
    // A contact's name finds its company in the list, and the contact itself in Ctrl+K.
    expect(await listNames(owner, "小明")).toEqual(["华兴电子有限公司"]);
    const hits = await searchRecords(owner, "小明");
    expect(hits.contacts.map((hit) => hit.title)).toEqual(["王小明"]);
    expect((await searchRecords(owner, "华兴")).opportunities.map((hit) => hit.title)).toEqual(["华兴 ERP 升级"]);
    expect((await searchRecords(owner, "erp 升级")).opportunities.map((hit) => hit.title)).toEqual(["华兴 ERP 升级"]);
    // Mixed Latin and Chinese, and a pair that straddles the two.
    expect((await searchRecords(owner, "p 升")).opportunities.map((hit) => hit.title)).toEqual(["华兴 ERP 升级"]);
    const table = await listOpportunities(owner, { view: "table", sort: "createdAt", dir: "desc", q: "兴 ERP" });
    expect(table.rows.map((row) => row.title)).toEqual(["华兴 ERP 升级"]);
  });

  it("needs the characters in order: every pair present is not a match", async () => {
    // "华兴" and "兴业" are both in this name, but "华兴业" is not.
    await customer(owner, "华兴 兴业银行");
    expect(await listNames(owner, "华兴业")).toEqual([]);
    expect(await listNames(owner, "兴业银")).toEqual(["华兴 兴业银行"]);
  });

  it("follows a rename: the old name is no longer found, the new one is", async () => {
    const id = await customer(owner, "长城贸易");
    const opened = (await getCustomer(owner, id))!;
    const renamed = await updateCustomer(owner, id, opened.version, customerInputSchema.parse({ name: "黄河贸易", ownerId: owner.user.id }));
    expect(renamed.ok).toBe(true);
    expect(await listNames(owner, "长城")).toEqual([]);
    expect(await listNames(owner, "黄河")).toEqual(["黄河贸易"]);
    expect(searchNeedle("  黄河  贸易 ")).toBe("黄河 贸易");
  });

  it("stays inside the workspace and the member's visibility", async () => {
    await customer(owner, "东方明珠");
    const repOwn = await customer(rep, "东方红");
    expect(repOwn).toBeTruthy();
    expect(await listNames(rep, "东方")).toEqual(["东方红"]);
    expect((await searchRecords(rep, "东方")).customers.map((hit) => hit.title)).toEqual(["东方红"]);
    expect(await listNames(outsider, "东方")).toEqual([]);
    expect((await searchRecords(outsider, "东方")).customers).toEqual([]);
  });
});
