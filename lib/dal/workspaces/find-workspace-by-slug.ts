import "server-only";
import { cache } from "react";
import { systemDb } from "@/lib/db/prisma";

export type PublicWorkspace = { id: string; slug: string; name: string };

/** What a login page may show about a workspace before anyone signs in: its name. */
export const findWorkspaceBySlug = cache(async (slug: string): Promise<PublicWorkspace | null> => {
  if (!slug || slug.length > 40) return null;
  return systemDb().tenant.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
});
