import "server-only";
import { authorize, type MemberContext } from "../context";

export async function updateOwnProfile(ctx: MemberContext, input: { name: string; locale: string }) {
  const db = authorize(ctx, "workspace.view");
  await db.user.updateMany({ where: { id: ctx.user.id }, data: { name: input.name, locale: input.locale } });
}

export async function updateOwnLocale(ctx: MemberContext, locale: string) {
  const db = authorize(ctx, "workspace.view");
  await db.user.updateMany({ where: { id: ctx.user.id }, data: { locale } });
}
