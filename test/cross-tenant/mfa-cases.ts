// Cross-tenant walk cases for the mfa models (see test/cross-tenant/support.ts).
import type { ModelCase } from "./support";

export const MFA_CASES: Record<string, ModelCase> = {};
