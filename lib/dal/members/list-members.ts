import "server-only";
import { authorize, type MemberContext } from "../context";
import type { MemberStatus, Role } from "@/lib/generated/prisma/enums";

export type MemberRow = {
  id: string;
  name: string;
  email: string;
  employeeNumber: string | null;
  role: Role;
  status: MemberStatus;
  lastSignInAt: Date | null;
  createdAt: Date;
};

export async function listMembers(ctx: MemberContext): Promise<MemberRow[]> {
  const db = authorize(ctx, "members.view");
  return db.user.findMany({
    select: { id: true, name: true, email: true, employeeNumber: true, role: true, status: true, lastSignInAt: true, createdAt: true },
    orderBy: [{ status: "asc" }, { name: "asc" }],
  });
}

export async function countActiveMembers(ctx: MemberContext): Promise<number> {
  const db = authorize(ctx, "workspace.view");
  return db.user.count({ where: { status: "ACTIVE" } });
}
