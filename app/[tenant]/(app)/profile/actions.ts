"use server";
import { revalidatePath } from "next/cache";
import { memberAction } from "@/lib/actions/member-action";
import { profileSchema } from "@/lib/validation/forms";
import { echoValues } from "@/lib/forms/form-state";
import { updateOwnProfile } from "@/lib/dal/members/update-profile";
import { setLocaleCookie } from "@/lib/auth/session-cookie-store";

export const updateProfileAction = memberAction(profileSchema, "workspace.view", async (input, ctx, { formData }) => {
  await updateOwnProfile(ctx, input);
  await setLocaleCookie(input.locale);
  revalidatePath(`/${ctx.tenant.slug}`, "layout");
  return { status: "success", fieldErrors: {}, message: "saved", values: echoValues(formData) };
});
