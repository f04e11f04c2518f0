import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import type { MemberStatus, Role } from "@/lib/generated/prisma/enums";

// The members page's search and filters live in the URL (?q=…&role=manager&status=active), so a
// reload or a shared link shows the same view. Parsing never throws: an unknown value is dropped
// and named in `ignored`, so the page can say so.

export const MEMBER_STATUSES = ["ACTIVE", "DEACTIVATED"] as const satisfies readonly MemberStatus[];

export type MemberListFilter = { q?: string; role?: Role; status?: MemberStatus };
export type ParsedMemberListFilter = { filter: MemberListFilter; ignored: ("q" | "role" | "status")[] };

type Params = Record<string, string | string[] | undefined>;

const fields = {
  q: z.string().trim().min(1).max(200),
  // Lowercase in the URL ("sales_rep"), the enum's own spelling in code.
  role: z.string().transform((value) => value.toUpperCase()).pipe(z.enum(ROLES)),
  status: z.string().transform((value) => value.toUpperCase()).pipe(z.enum(MEMBER_STATUSES)),
} as const;

export function parseMemberListFilter(params: Params): ParsedMemberListFilter {
  const filter: MemberListFilter = {};
  const ignored: ParsedMemberListFilter["ignored"] = [];
  for (const key of ["q", "role", "status"] as const) {
    const value = params[key];
    const raw = Array.isArray(value) ? value[0] : value;
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = fields[key].safeParse(raw);
    if (parsed.success) Object.assign(filter, { [key]: parsed.data });
    else ignored.push(key);
  }
  return { filter, ignored };
}

export function isFiltered(filter: MemberListFilter): boolean {
  return Boolean(filter.q || filter.role || filter.status);
}
