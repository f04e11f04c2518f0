import "server-only";
import { authorize, type MemberContext } from "../context";
import { escapeLike } from "../search/text-match";
import type { MemberListFilter } from "./member-list-query";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MemberStatus, Role } from "@/lib/generated/prisma/enums";
import { compareNames } from "@/lib/i18n/name-order";
import type { Locale } from "@/lib/i18n/locales";

export type MemberFactors = {
  /** A confirmed authenticator app. */
  app: boolean;
  /** A verified phone for SMS codes. */
  sms: boolean;
  emailCodes: boolean;
  passkeys: number;
};

export type MemberRow = {
  id: string;
  name: string;
  email: string;
  employeeNumber: string | null;
  role: Role;
  status: MemberStatus;
  lastSignInAt: Date | null;
  createdAt: Date;
  factors: MemberFactors;
};

/**
 * The workspace's members, active first, narrowed by the members page's search and filters, each
 * group in the reader's order of names (pinyin for a reader of Chinese).
 */
export async function listMembers(ctx: MemberContext, filter: MemberListFilter = {}, locale: Locale = "en"): Promise<MemberRow[]> {
  const db = authorize(ctx, "members.view");
  const rows = await db.user.findMany({
    where: memberWhere(filter),
    select: {
      id: true,
      name: true,
      email: true,
      employeeNumber: true,
      role: true,
      status: true,
      lastSignInAt: true,
      createdAt: true,
      totpFactor: { select: { confirmedAt: true } },
      phoneFactor: { select: { verifiedAt: true } },
      emailCodeFactor: { select: { enabledAt: true } },
      _count: { select: { passkeys: true } },
    },
    orderBy: [{ status: "asc" }, { name: "asc" }],
  });
  // Statuses keep the database's order; names within each follow the reader (a workspace's
  // members fit in one page, so this sorts in memory with the database's own ICU rules).
  const statusRank = new Map<string, number>();
  for (const row of rows) if (!statusRank.has(row.status)) statusRank.set(row.status, statusRank.size);
  const compare = compareNames(locale);
  rows.sort((a, b) => statusRank.get(a.status)! - statusRank.get(b.status)! || compare(a.name, b.name));
  return rows.map(({ totpFactor, phoneFactor, emailCodeFactor, _count, ...row }) => ({
    ...row,
    factors: {
      app: Boolean(totpFactor?.confirmedAt),
      sms: Boolean(phoneFactor?.verifiedAt),
      emailCodes: emailCodeFactor !== null,
      passkeys: _count.passkeys,
    },
  }));
}

function memberWhere(filter: MemberListFilter): Prisma.UserWhereInput {
  const where: Prisma.UserWhereInput = {};
  if (filter.role) where.role = filter.role;
  if (filter.status) where.status = filter.status;
  if (filter.q) {
    // What was typed is looked for literally ("_" and "%" are not wildcards), in any case.
    const contains = escapeLike(filter.q);
    where.OR = [
      { name: { contains, mode: "insensitive" } },
      { email: { contains: contains.toLowerCase() } },
      { employeeNumberKey: { contains: contains.toLowerCase() } },
    ];
  }
  return where;
}

export async function countActiveMembers(ctx: MemberContext): Promise<number> {
  const db = authorize(ctx, "workspace.view");
  return db.user.count({ where: { status: "ACTIVE" } });
}
