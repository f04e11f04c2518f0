import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layering (README, "How it is built"), checked here rather than remembered:
// - components/ is UI: no routes (`@/app`), no database (`@/lib/db`, `@prisma/*`), and from the DAL
//   and Prisma's generated code only `import type` (the shapes it renders; erased at build, so no
//   database code reaches a component). Actions come from lib/actions; a server component that
//   reads data lives in its route's `_components/`.
// - lib/ never imports components/ or app/.
// - The Prisma client and its runtime values (`Prisma.sql`, error classes) are imported only in
//   lib/db and the files listed in PRISMA_CLIENT_ALLOWED; `import type` of generated types is
//   allowed anywhere but components' rules above.
// Cross-directory imports use the `@/` alias; the regexes also catch a relative path that climbs
// into the same folders.

const TS_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

// A pattern has either `group` (gitignore-style) or `regex`, so each rule that also catches relative
// paths is two patterns.
const NO_APP_MESSAGE =
  "Routes are app/'s own: a server action a component or lib uses lives in lib/actions; a server component that reads data lives in its route's _components/.";
const NO_APP = [
  { group: ["@/app", "@/app/**"], message: NO_APP_MESSAGE },
  { regex: "^(\\.\\./)+app(/|$)", message: NO_APP_MESSAGE },
];
const NO_COMPONENTS_MESSAGE = "lib/ is below the UI: it never imports components/.";
const NO_COMPONENTS = [
  { group: ["@/components", "@/components/**"], message: NO_COMPONENTS_MESSAGE },
  { regex: "^(\\.\\./)+components(/|$)", message: NO_COMPONENTS_MESSAGE },
];
const NO_DB_MESSAGE = "Components never reach the database: take the data as props from the route (or its _components/ server component).";
const NO_DB = [
  { group: ["@/lib/db", "@/lib/db/**", "@prisma/*"], message: NO_DB_MESSAGE },
  { regex: "^(\\.\\./)+lib/db(/|$)", message: NO_DB_MESSAGE },
];
const DAL_TYPES_ONLY_MESSAGE =
  "Components may only `import type` from the DAL; a pure helper belongs outside lib/dal (lib/audit, lib/imports, lib/reports…), data comes as props.";
const DAL_TYPES_ONLY = [
  { group: ["@/lib/dal", "@/lib/dal/**"], allowTypeImports: true, message: DAL_TYPES_ONLY_MESSAGE },
  { regex: "^(\\.\\./)+lib/dal(/|$)", allowTypeImports: true, message: DAL_TYPES_ONLY_MESSAGE },
];
const GENERATED_TYPES_ONLY_MESSAGE = "Components may only `import type` from Prisma's generated code.";
const GENERATED_TYPES_ONLY = [
  { group: ["@/lib/generated", "@/lib/generated/**"], allowTypeImports: true, message: GENERATED_TYPES_ONLY_MESSAGE },
  { regex: "^(\\.\\./)+lib/generated(/|$)", allowTypeImports: true, message: GENERATED_TYPES_ONLY_MESSAGE },
];
const PRISMA_CLIENT_MESSAGE =
  "The Prisma client is lib/db's: use tenantDb()/systemDb() from there, or `import type` for generated types (a real need for a runtime value goes in PRISMA_CLIENT_ALLOWED in eslint.config.mjs, with its reason).";
const PRISMA_CLIENT = [
  { group: ["@/lib/generated", "@/lib/generated/**", "@prisma/client", "@prisma/client/**", "@prisma/adapter-*"], allowTypeImports: true, message: PRISMA_CLIENT_MESSAGE },
  { regex: "^\\.\\.?/(.*/)?generated/prisma(/|$)", allowTypeImports: true, message: PRISMA_CLIENT_MESSAGE },
];

// Files outside lib/db that import a runtime value from the Prisma client, each for a reason:
const PRISMA_CLIENT_ALLOWED = [
  // The Prisma CLI's own configuration (the migrations' adapter).
  "prisma.config.ts",
  // Raw statements built from Prisma.sql / join / raw / empty fragments (each binds tenantId).
  "lib/dal/crm/visibility.ts",
  "lib/dal/opportunities/list-opportunities.ts",
  "lib/dal/search/search-records.ts",
  "lib/dal/customers/list-customers.ts",
  "lib/dal/lists/count-matches.ts",
  "lib/dal/reports/activities-by-week.ts",
  "lib/dal/reports/days-to-won.ts",
  "lib/dal/reports/headline-figures.ts",
  "lib/dal/reports/new-customers-by-month.ts",
  "lib/dal/reports/pipeline-by-stage.ts",
  "lib/dal/reports/report-request.ts",
  "lib/dal/reports/report-rollups.ts",
  "lib/dal/reports/stage-funnel.ts",
  "lib/dal/reports/weighted-forecast.ts",
  "lib/dal/reports/win-rate-by-owner.ts",
  "lib/dal/reports/won-lost-by-month.ts",
  "lib/dal/imports/run-import.ts",
  "lib/dal/members/manage-member.ts",
  "lib/dal/tasks/transfer-records.ts",
  "lib/dal/customers/bulk-update-customers.ts",
  "lib/dal/opportunities/bulk-update-opportunities.ts",
  "lib/dal/customers/find-duplicates.ts",
  "lib/dal/customers/merge-customers.ts",
  // The same for lib/auth's statements on the tenant client ($tenantQuery/$tenantExecute: advisory
  // locks, the throttle's FOR UPDATE, the code counters) and the schedule's INSERT.
  "lib/auth/email-codes.ts",
  "lib/auth/sign-in-throttle.ts",
  "lib/auth/sms-codes.ts",
  "lib/auth/sms-password-reset.ts",
  "lib/jobs/schedule.ts",
  // Prisma.PrismaClientKnownRequestError: a provider identity already linked (unique violation).
  "lib/auth/sso/identities.ts",
  // Prisma.PrismaClientKnownRequestError: a unique violation means "that name is taken".
  "lib/dal/invitations/accept-invitation.ts",
  "lib/dal/workspaces/create-workspace.ts",
  // Tests and benches that write raw SQL, or open a second client of their own.
  "lib/dal/cross-tenant.test.ts",
  "lib/dal/reports/report-rollups.test.ts",
  "lib/jobs/schedule.test.ts",
  "scripts/bench/crm.ts",
];

const restrictImports = (...patterns) => ({
  "@typescript-eslint/no-restricted-imports": patterns.length ? ["error", { patterns: patterns.flat() }] : "off",
});

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Playwright fixtures call a parameter named `use`, which is not React's use().
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Layering: later entries replace the rule's options for the files they match.
  { files: TS_FILES, rules: restrictImports(PRISMA_CLIENT) },
  { files: ["lib/**"], rules: restrictImports(NO_COMPONENTS, NO_APP, PRISMA_CLIENT) },
  { files: ["components/**"], rules: restrictImports(NO_APP, NO_DB, DAL_TYPES_ONLY, GENERATED_TYPES_ONLY) },
  { files: ["lib/db/**"], rules: restrictImports(NO_COMPONENTS, NO_APP) },
  { files: PRISMA_CLIENT_ALLOWED.filter((file) => file.startsWith("lib/")), rules: restrictImports(NO_COMPONENTS, NO_APP) },
  { files: PRISMA_CLIENT_ALLOWED.filter((file) => !file.startsWith("lib/")), rules: restrictImports() },
  {
    // Time zone offsets come from one module on @date-fns/tz; reading them back out of Intl's parts
    // (or the server's own zone) is how the two hand-written copies it replaced began.
    rules: {
      "no-restricted-properties": [
        "error",
        { property: "formatToParts", message: "Convert wall-clock times with lib/time/zoned-time.ts, not by reading Intl's parts." },
        { property: "getTimezoneOffset", message: "That is the server's zone; convert with lib/time/zoned-time.ts in the member's zone." },
      ],
    },
  },
];

export default config;
