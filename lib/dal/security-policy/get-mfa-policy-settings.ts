import "server-only";
import { authorize, type MemberContext } from "../context";
import type { MfaPolicyInput } from "@/lib/validation/mfa-policy";
import { mfaPolicyRow, mfaPolicyValues } from "./update-mfa-policy";

/** The MFA policy as the settings form shows it (Owners and Admins). */
export async function getMfaPolicySettings(ctx: MemberContext): Promise<MfaPolicyInput> {
  const db = authorize(ctx, "workspace.manageSettings");
  return mfaPolicyValues(await mfaPolicyRow(db, ctx.tenant.id));
}
