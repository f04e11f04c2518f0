// Cross-tenant walk cases for the crm models (see test/cross-tenant/support.ts).
import type { ModelCase } from "./support";

export const CRM_CASES: Record<string, ModelCase> = {};
