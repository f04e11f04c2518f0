import "server-only";
import { authorize, type MemberContext, type RequestMeta } from "../context";
import { recordAuditEvent } from "@/lib/auth/audit";
import { listRememberedDevices, revokeAllRememberedDevices, revokeRememberedDevice, type RememberedDeviceRow } from "@/lib/auth/remembered-devices";

// The member's own remembered devices ("Remember this device for 30 days"), for the security page.

export async function listOwnRememberedDevices(ctx: MemberContext, currentTokens: readonly string[]): Promise<RememberedDeviceRow[]> {
  authorize(ctx, "workspace.view");
  return listRememberedDevices(ctx.tenant.id, ctx.user.id, currentTokens);
}

/** Forgets one of the member's own remembered devices; false when it isn't theirs or is already gone. */
export async function forgetRememberedDevice(ctx: MemberContext, deviceId: string, meta: RequestMeta): Promise<boolean> {
  authorize(ctx, "workspace.view");
  const revoked = await revokeRememberedDevice(ctx.tenant.id, ctx.user.id, deviceId);
  if (revoked) await recordAuditEvent({ tenantId: ctx.tenant.id, type: "mfa.device_forgotten", actorUserId: ctx.user.id, targetUserId: ctx.user.id, ...meta, data: { rememberedDeviceId: deviceId } });
  return revoked;
}

export async function forgetAllRememberedDevices(ctx: MemberContext, meta: RequestMeta): Promise<number> {
  authorize(ctx, "workspace.view");
  const count = await revokeAllRememberedDevices(ctx.tenant.id, ctx.user.id);
  await recordAuditEvent({ tenantId: ctx.tenant.id, type: "mfa.devices_forgotten_all", actorUserId: ctx.user.id, targetUserId: ctx.user.id, ...meta, data: { count } });
  return count;
}
