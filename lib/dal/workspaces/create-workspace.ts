import "server-only";
import { systemDb } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password-hash";
import { slugAlternatives } from "@/lib/workspace/slug";
import { defaultStages } from "@/lib/dal/pipeline/default-stages";
import { auditEventRow } from "@/lib/auth/audit";
import { defaultCountryForLanguage } from "@/lib/phone-countries";

export type CreateWorkspaceInput = {
  companyName: string;
  slug: string;
  ownerName: string;
  email: string;
  password: string;
  locale: string;
};

export type CreateWorkspaceResult =
  | {
      ok: true;
      tenant: { id: string; slug: string; name: string; sessionIdleMinutes: number; sessionAbsoluteMinutes: number };
      owner: { id: string };
    }
  | { ok: false; reason: "slugTaken"; suggestion: string };

/** A free address near `slug`, for the "taken" message. */
export async function suggestFreeSlug(slug: string): Promise<string> {
  const candidates = slugAlternatives(slug, 20);
  const taken = await systemDb().tenant.findMany({ where: { slug: { in: candidates } }, select: { slug: true } });
  const used = new Set(taken.map((t) => t.slug));
  return candidates.find((c) => !used.has(c)) ?? `${slug.slice(0, 30)}-${Date.now().toString(36)}`;
}

/** Creates the workspace and its Owner in one transaction; a taken slug changes nothing. */
export async function createWorkspace(input: CreateWorkspaceInput): Promise<CreateWorkspaceResult> {
  const db = systemDb();
  if (await db.tenant.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
    return { ok: false, reason: "slugTaken", suggestion: await suggestFreeSlug(input.slug) };
  }
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      // Phone numbers typed without "+" are read in the country of the sign-up's language (editable).
      const tenant = await tx.tenant.create({ data: { slug: input.slug, name: input.companyName, defaultCountry: defaultCountryForLanguage(input.locale) } });
      await tx.securityPolicy.create({ data: { tenantId: tenant.id } });
      await tx.mfaPolicy.create({ data: { tenantId: tenant.id } });
      // The default sales pipeline, named in the language of the person signing up.
      await tx.pipelineStage.createMany({ data: defaultStages(input.locale).map((stage) => ({ ...stage, tenantId: tenant.id })) });
      const owner = await tx.user.create({
        data: {
          tenantId: tenant.id,
          email: input.email,
          name: input.ownerName,
          passwordHash,
          role: "OWNER",
          locale: input.locale,
          // Sign-up signs the owner straight in.
          lastSignInAt: new Date(),
        },
      });
      await tx.auditEvent.create({ data: auditEventRow({ tenantId: tenant.id, type: "workspace.created", actorUserId: owner.id, targetUserId: owner.id }) });
      return { ok: true as const, tenant, owner: { id: owner.id } };
    });
  } catch (error) {
    // Two sign-ups raced for the same address: the unique index decided.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, reason: "slugTaken", suggestion: await suggestFreeSlug(input.slug) };
    }
    throw error;
  }
}
