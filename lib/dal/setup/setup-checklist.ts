import "server-only";
import { can } from "@/lib/auth/permissions";
import { getMfaPolicy } from "@/lib/auth/mfa-policy";
import { systemDb } from "@/lib/db/prisma";
import type { TenantDb } from "@/lib/db/tenant-db";
import { authorize, type MemberContext } from "../context";

// The setup checklist on an Owner's or Admin's home. Every step is read from the workspace's own
// data, never ticked by hand, so it stays true when the work is done elsewhere (or undone):
//  - invite:    someone besides the first Owner has joined, or an invitation was sent and not revoked;
//  - customers: at least one customer outside the trash;
//  - stages:    the pipeline stages were edited, or kept as they are on purpose (Tenant.pipelineStagesSetAt);
//  - security:  a section of the security policy was saved (Tenant.securityPolicySetAt), or
//               two-step sign-in is required of someone;
//  - passkey:   the viewer has a passkey (only where the workspace allows passkey sign-in).
// Each viewer sees the steps their role can do. Hiding the checklist is per member: a second Admin
// still sees it until they hide it themselves, and "Show" on the home brings it back.

export const SETUP_STEPS = ["invite", "customers", "stages", "security", "passkey"] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export type SetupChecklist = {
  steps: { step: SetupStep; done: boolean }[];
  doneCount: number;
  allDone: boolean;
  /** This member hid it; the home offers to show it again while steps remain. */
  hidden: boolean;
};

/** The checklist for this member, or null when their role has no part in setting the workspace up. */
export async function getSetupChecklist(ctx: MemberContext): Promise<SetupChecklist | null> {
  if (!can(ctx.role, "workspace.manageSettings")) return null;
  const db = authorize(ctx, "workspace.manageSettings");
  const [tenant, viewer, mfaPolicy] = await Promise.all([
    systemDb().tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { pipelineStagesSetAt: true, securityPolicySetAt: true } }),
    db.user.findFirstOrThrow({ where: { id: ctx.user.id }, select: { checklistHiddenAt: true } }),
    getMfaPolicy(ctx.tenant.id),
  ]);
  const checks: Record<SetupStep, (() => Promise<boolean>) | null> = {
    invite: can(ctx.role, "members.invite") ? () => hasInvitedSomeone(db) : null,
    customers: can(ctx.role, "records.import") ? async () => (await db.customer.count({ where: { deletedAt: null }, take: 1 })) > 0 : null,
    stages: can(ctx.role, "crm.manageSettings") ? async () => tenant.pipelineStagesSetAt !== null : null,
    security: async () => tenant.securityPolicySetAt !== null || mfaPolicy.requirement !== "OPTIONAL",
    passkey: mfaPolicy.allowPasskey ? async () => (await db.passkey.count({ where: { userId: ctx.user.id }, take: 1 })) > 0 : null,
  };
  const steps = await Promise.all(
    SETUP_STEPS.flatMap((step) => {
      const check = checks[step];
      return check ? [check().then((done) => ({ step, done }))] : [];
    }),
  );
  const doneCount = steps.filter((entry) => entry.done).length;
  return { steps, doneCount, allDone: doneCount === steps.length, hidden: viewer.checklistHiddenAt !== null };
}

async function hasInvitedSomeone(db: TenantDb): Promise<boolean> {
  const [members, invitations] = await Promise.all([
    db.user.count({ take: 2 }),
    db.invitation.count({ where: { revokedAt: null }, take: 1 }),
  ]);
  return members > 1 || invitations > 0;
}

/** Hides (or shows again) the checklist on this member's own home. */
export async function setSetupChecklistHidden(ctx: MemberContext, hidden: boolean, now = new Date()): Promise<void> {
  const db = authorize(ctx, "workspace.manageSettings");
  await db.user.updateMany({ where: { id: ctx.user.id }, data: { checklistHiddenAt: hidden ? now : null } });
}

/**
 * Records that the pipeline stages were decided: called by every stage edit, and by "Keep these
 * stages" for a workspace happy with the defaults. The first time counts; later edits change nothing.
 */
export async function markPipelineStagesSet(ctx: MemberContext, now = new Date()): Promise<void> {
  authorize(ctx, "crm.manageSettings");
  await systemDb().tenant.updateMany({ where: { id: ctx.tenant.id, pipelineStagesSetAt: null }, data: { pipelineStagesSetAt: now } });
}

/** Records that a section of the security policy was saved (with changes or without): the first time counts. */
export async function markSecurityPolicySet(ctx: MemberContext, now = new Date()): Promise<void> {
  authorize(ctx, "workspace.manageSettings");
  await systemDb().tenant.updateMany({ where: { id: ctx.tenant.id, securityPolicySetAt: null }, data: { securityPolicySetAt: now } });
}

/** Whether the pipeline stages were decided (edited, or kept on purpose). */
export async function pipelineStagesDecided(ctx: MemberContext): Promise<boolean> {
  authorize(ctx, "crm.manageSettings");
  const tenant = await systemDb().tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id }, select: { pipelineStagesSetAt: true } });
  return tenant.pipelineStagesSetAt !== null;
}
