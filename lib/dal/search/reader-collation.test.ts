// Names in the reader's language (issue 11, item 16): lists sort Chinese names by pinyin for a
// Chinese reader and after the Latin ones, with accents beside their letter, for an English one,
// page by page (the keyset cursor compares in the same order); and a search matches "Éclair" for
// "éclair" (lower() under the cluster's C collation left "É" as it was).
import { beforeAll, describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/prisma";
import { customerInputSchema } from "@/lib/validation/customer";
import { addMember, createWorkspace, memberContext, type TestWorkspace } from "@/test/factories";
import type { Locale } from "@/lib/i18n/locales";
import { sortByName } from "@/lib/i18n/name-order";
import type { MemberContext } from "../context";
import { listCustomers } from "../customers/list-customers";
import { createCustomer } from "../customers/write-customer";
import { listOwnerChoices } from "../customers/get-customer";
import { createOpportunity } from "../opportunities/write-opportunity";
import { listOpportunities } from "../opportunities/list-opportunities";
import { parseOpportunityListQuery } from "../opportunities/list-query";
import { searchRecords } from "./search-records";
import { foldForSearch } from "./text-match";

// In English order: accents beside their letter, case a tie-break, Chinese after Latin.
const NAMES = ["apple", "Bob", "éclair", "Éclair", "Émile", "Ezra", "Zoe", "张敏", "李娜", "王伟", "阿里"];
// In pinyin order: a-lǐ, lǐ nà, wáng wěi, zhāng mǐn, then Latin.
const PINYIN = ["阿里", "李娜", "王伟", "张敏", "apple", "Bob", "éclair", "Éclair", "Émile", "Ezra", "Zoe"];
const ENGLISH = ["apple", "Bob", "éclair", "Éclair", "Émile", "Ezra", "Zoe", "张敏", "李娜", "王伟", "阿里"];

let ws: TestWorkspace;
let owner: MemberContext;
let stageId: string;

beforeAll(async () => {
  ws = await createWorkspace();
  owner = memberContext(ws.owner, ws.tenant);
  stageId = (await systemDb().pipelineStage.findFirstOrThrow({ where: { tenantId: ws.tenant.id, kind: "OPEN" } })).id;
  // Created in an order that is neither of the expected ones.
  for (const name of [...NAMES].reverse()) {
    const made = await createCustomer(owner, customerInputSchema.parse({ name, ownerId: owner.user.id }), { confirmDuplicate: true });
    if (!made.ok) throw new Error(JSON.stringify(made));
    const deal = await createOpportunity(owner, { title: name, customerId: made.id, currency: "USD", amount: "100", stageId });
    if (!deal.ok) throw new Error(JSON.stringify(deal));
  }
});

async function allCustomerNames(reader: Locale, dir: "asc" | "desc") {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listCustomers(owner, { sort: "name", dir, pageSize: 3, cursor }, reader);
    names.push(...page.rows.map((row) => row.name));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && names.length < 50);
  return names;
}

async function allOpportunityTitles(reader: Locale, dir: "asc" | "desc", q?: string) {
  const titles: string[] = [];
  let cursor: string | undefined;
  do {
    const { query } = parseOpportunityListQuery({ view: "table", sort: dir === "desc" ? "-title" : "title", ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) });
    const page = await listOpportunities(owner, query, 3, reader);
    titles.push(...page.rows.map((row) => row.title));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && titles.length < 50);
  return titles;
}

describe("the customer list by name", () => {
  it("is in pinyin order for a Chinese reader, page after page, both ways", async () => {
    expect(await allCustomerNames("zh-CN", "asc")).toEqual(PINYIN);
    expect(await allCustomerNames("zh-CN", "desc")).toEqual([...PINYIN].reverse());
  });

  it("puts accented names beside their letter and Chinese after Z for an English reader", async () => {
    expect(await allCustomerNames("en", "asc")).toEqual(ENGLISH);
    expect(await allCustomerNames("en", "desc")).toEqual([...ENGLISH].reverse());
  });
});

describe("the opportunity list by title", () => {
  it("follows the reader's language, page after page, both ways", async () => {
    expect(await allOpportunityTitles("zh-CN", "asc")).toEqual(PINYIN);
    expect(await allOpportunityTitles("zh-CN", "desc")).toEqual([...PINYIN].reverse());
    expect(await allOpportunityTitles("en", "asc")).toEqual(ENGLISH);
  });

  it("finds a title whatever the case of its accented letters, with or without the accents", async () => {
    const both = ["éclair", "Éclair"];
    expect(await allOpportunityTitles("en", "asc", "éclair")).toEqual(both);
    expect(await allOpportunityTitles("en", "asc", "ÉCLAIR")).toEqual(both);
    expect(await allOpportunityTitles("en", "asc", "eclair")).toEqual(both);
    expect(await allOpportunityTitles("en", "asc", "Émi")).toEqual(["Émile"]);
    expect(await allOpportunityTitles("en", "asc", "emile")).toEqual(["Émile"]);
    expect(await allOpportunityTitles("zh-CN", "asc", "王伟")).toEqual(["王伟"]);
  });
});

describe("the customer list's search", () => {
  it("ignores case and accents", async () => {
    for (const q of ["eclair", "ÉCLAIR", "Éclair"]) {
      expect((await listCustomers(owner, { sort: "name", dir: "asc", pageSize: 50, q }, "en")).rows.map((row) => row.name), q).toEqual(["éclair", "Éclair"]);
    }
  });
});

describe("Ctrl/Cmd+K", () => {
  it("finds accented titles and names in either case, accents or not, and lists them in the reader's order", async () => {
    const results = await searchRecords(owner, "ÉCLAIR", 20);
    expect(results.opportunities.map((hit) => hit.title)).toEqual(["éclair", "Éclair"]);
    const plain = await searchRecords(owner, "emile", 20);
    expect(plain.customers.map((hit) => hit.title)).toEqual(["Émile"]);
    expect(plain.opportunities.map((hit) => hit.title)).toEqual(["Émile"]);
    const zh = await searchRecords(owner, "李娜", 20, "zh-CN");
    expect(zh.customers.map((hit) => hit.title)).toEqual(["李娜"]);
  });
});

describe("member pickers", () => {
  it("list members by name in the reader's language", async () => {
    for (const name of ["王伟", "Zoe Zhang", "阿里", "Émile"]) await addMember(ws.tenant.id, "SALES_REP", { name });
    const names = (await listOwnerChoices(owner, "zh-CN")).map((member) => member.name).filter((name) => name !== ws.owner.name);
    expect(names).toEqual(["阿里", "王伟", "Émile", "Zoe Zhang"]);
    const english = (await listOwnerChoices(owner, "en")).map((member) => member.name).filter((name) => name !== ws.owner.name);
    expect(english).toEqual(["Émile", "Zoe Zhang", "王伟", "阿里"]);
  });

  it("foldForSearch folds text exactly as SQL's search_fold() does", async () => {
    const samples = ["Éclair", "MÜLLER Ångström", "Crème brûlée", "Ελληνικά ΆΈΉ", "Йошкар-Ола", "王伟 がぎ 한국어", "ﬁ ligature", "ΣΑΣ", ""];
    for (const text of samples) {
      const [row] = await systemDb().$queryRaw<{ folded: string }[]>`SELECT search_fold(${text}) AS folded`;
      expect(foldForSearch(text), text).toBe(row!.folded);
    }
  });

  it("sortByName agrees with PostgreSQL's order for both readers", async () => {
    for (const [reader, collation] of [["en", "und-x-icu"], ["zh-CN", "zh-x-icu"]] as const) {
      const rows = await systemDb().$queryRawUnsafe<{ n: string }[]>(
        `SELECT n FROM unnest($1::text[]) AS t(n) ORDER BY n COLLATE "${collation}"`,
        NAMES,
      );
      expect(sortByName(NAMES, reader, (name) => name)).toEqual(rows.map((row) => row.n));
    }
  });
});
