"use server";
import { currentSession } from "@/lib/auth/current-member";
import { setLocaleCookie } from "@/lib/auth/session-cookie-store";
import { updateOwnLocale } from "@/lib/dal/members/update-profile";
import { localeSchema } from "@/lib/validation/forms";

/** Switches the UI language; for a signed-in member it also becomes their stored preference. */
export async function switchLocaleAction(formData: FormData): Promise<void> {
  // The argument is whatever the request sent, not necessarily a form.
  if (!(formData instanceof FormData)) return;
  const parsed = localeSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return;
  await setLocaleCookie(parsed.data.locale);
  const member = await currentSession();
  if (member) await updateOwnLocale(member, parsed.data.locale);
}
