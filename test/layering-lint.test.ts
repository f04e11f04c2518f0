// The layering rules in eslint.config.mjs, each shown failing on code that breaks it (and passing
// on what it allows), through ESLint's own API with the project's configuration: a rule that stops
// matching (a renamed folder, an option that replaced another) fails here, not in a review.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const RULE = "@typescript-eslint/no-restricted-imports";
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

/** The layering errors ESLint reports for `code` as if it were the file at `filePath`. */
async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath });
  return result!.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}

describe("components/ never import routes", () => {
  it("refuses app/ by alias, by relative path, and even for a type", async () => {
    expect(await layeringErrors("components/x/form.tsx", `import { signUpAction } from "@/app/signup/actions";\nvoid signUpAction;`)).toEqual([
      expect.stringContaining("lib/actions"),
    ]);
    expect(await layeringErrors("components/x/form.tsx", `import { a } from "../../app/login/actions";\nvoid a;`)).toHaveLength(1);
    expect(await layeringErrors("components/x/form.tsx", `import type { A } from "@/app/login/actions";\nexport type B = A;`)).toHaveLength(1);
  });

  it("takes actions from lib/actions", async () => {
    expect(await layeringErrors("components/x/form.tsx", `import { signUpAction } from "@/lib/actions/sign-up-action";\nvoid signUpAction;`)).toEqual([]);
  });
});

describe("components/ never reach the database", () => {
  it("refuses lib/db and @prisma/*, types included", async () => {
    expect(await layeringErrors("components/x/list.tsx", `import { tenantDb } from "@/lib/db/tenant-db";\nvoid tenantDb;`)).toEqual([
      expect.stringContaining("never reach the database"),
    ]);
    expect(await layeringErrors("components/x/list.tsx", `import type { TenantDb } from "@/lib/db/tenant-db";\nexport type T = TenantDb;`)).toHaveLength(1);
    expect(await layeringErrors("components/x/list.tsx", `import { PrismaClient } from "@prisma/client";\nvoid PrismaClient;`)).toHaveLength(1);
    expect(await layeringErrors("components/x/list.tsx", `import { systemDb } from "../../lib/db/prisma";\nvoid systemDb;`)).toHaveLength(1);
  });

  it("refuses a value from the DAL but allows its types", async () => {
    expect(await layeringErrors("components/x/list.tsx", `import { listRecordTasks } from "@/lib/dal/tasks/list-tasks";\nvoid listRecordTasks;`)).toEqual([
      expect.stringContaining("only `import type` from the DAL"),
    ]);
    expect(await layeringErrors("components/x/list.tsx", `import { listRecordTasks } from "../../lib/dal/tasks/list-tasks";\nvoid listRecordTasks;`)).toHaveLength(1);
    expect(await layeringErrors("components/x/list.tsx", `import type { TaskListItem } from "@/lib/dal/tasks/list-tasks";\nexport type T = TaskListItem;`)).toEqual([]);
  });

  it("refuses a value from Prisma's generated code but allows its types", async () => {
    expect(await layeringErrors("components/x/list.tsx", `import { Prisma } from "@/lib/generated/prisma/client";\nvoid Prisma;`)).toHaveLength(1);
    expect(await layeringErrors("components/x/list.tsx", `import { Prisma } from "../../lib/generated/prisma/client";\nvoid Prisma;`)).toHaveLength(1);
    expect(await layeringErrors("components/x/list.tsx", `import type { Role } from "@/lib/generated/prisma/enums";\nexport type R = Role;`)).toEqual([]);
  });
});

describe("lib/ never imports the UI or routes", () => {
  it("refuses components/ and app/, by alias and by relative path", async () => {
    expect(await layeringErrors("lib/dal/x/read.ts", `import { Card } from "@/components/ui/card";\nvoid Card;`)).toEqual([
      expect.stringContaining("never imports components/"),
    ]);
    expect(await layeringErrors("lib/x.ts", `import { Card } from "../components/ui/card";\nvoid Card;`)).toHaveLength(1);
    expect(await layeringErrors("lib/auth/x.ts", `import { a } from "@/app/login/actions";\nvoid a;`)).toEqual([expect.stringContaining("Routes are app/'s own")]);
    expect(await layeringErrors("lib/db/x.ts", `import type { P } from "@/components/x";\nexport type Q = P;`)).toHaveLength(1);
  });
});

describe("the Prisma client only from lib/db and the listed files", () => {
  const clientImport = `import { Prisma } from "@/lib/generated/prisma/client";\nvoid Prisma;`;

  it("refuses a runtime import elsewhere in lib, app, tests and scripts", async () => {
    for (const filePath of ["lib/dal/x/read.ts", "lib/auth/x.ts", "app/x/page.tsx", "lib/dal/x/read.test.ts", "scripts/x.ts", "proxy.ts"]) {
      expect(await layeringErrors(filePath, clientImport), filePath).toEqual([expect.stringContaining("PRISMA_CLIENT_ALLOWED")]);
    }
    expect(await layeringErrors("lib/dal/x/read.ts", `import { PrismaClient } from "@prisma/client";\nvoid PrismaClient;`)).toHaveLength(1);
    expect(await layeringErrors("lib/dal/x/read.ts", `import { PrismaPg } from "@prisma/adapter-pg";\nvoid PrismaPg;`)).toHaveLength(1);
    expect(await layeringErrors("lib/dal/x/read.ts", `import { Prisma } from "../../generated/prisma/client";\nvoid Prisma;`)).toHaveLength(1);
  });

  it("allows it in lib/db and the listed files, and types anywhere", async () => {
    expect(await layeringErrors("lib/db/x.ts", clientImport)).toEqual([]);
    expect(await layeringErrors("lib/dal/search/search-records.ts", clientImport)).toEqual([]);
    expect(await layeringErrors("lib/dal/x/read.ts", `import type { Prisma } from "@/lib/generated/prisma/client";\nexport type W = Prisma.TaskWhereInput;`)).toEqual([]);
  });

  it("the listed files still may not import components/", async () => {
    expect(await layeringErrors("lib/dal/search/search-records.ts", `import { Card } from "@/components/ui/card";\nvoid Card;`)).toHaveLength(1);
  });
});
