"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { formError, type FormState } from "@/lib/forms/form-state";
import { forgetAllRememberedDevices, forgetRememberedDevice } from "@/lib/dal/mfa/remembered-devices";

// "Remembered devices" on the member's own security page: forget one, or all.

function done(slug: string, message: string): FormState {
  revalidatePath(`/${slug}/security`);
  return { status: "success", fieldErrors: {}, message, values: {} };
}

export const forgetRememberedDeviceAction = memberAction(
  z.object({ deviceId: z.string().min(1).max(64) }),
  "workspace.view",
  async (input, ctx, { formData, ...meta }) =>
    (await forgetRememberedDevice(ctx, input.deviceId, meta)) ? done(ctx.tenant.slug, "forgotten") : formError(formData, "rememberedDeviceNotFound"),
);

export const forgetAllRememberedDevicesAction = memberAction(z.object({}), "workspace.view", async (_input, ctx, meta) => {
  await forgetAllRememberedDevices(ctx, meta);
  return done(ctx.tenant.slug, "forgottenAll");
});
