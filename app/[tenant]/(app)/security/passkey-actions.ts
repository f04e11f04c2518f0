"use server";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { memberAction } from "@/lib/actions/member-action";
import { fieldError, formError, type FormState } from "@/lib/forms/form-state";
import { deleteOwnPasskey, renameOwnPasskey } from "@/lib/dal/passkeys/own-passkeys";
import { needsReverification, reverifyPath } from "@/lib/auth/reverify";
import { PASSKEY_NAME_MAX } from "@/lib/auth/passkeys/names";
import { setSessionCookie } from "@/lib/auth/session-cookie-store";

// Renaming and deleting one's own passkeys from the security page (adding one goes through the
// WebAuthn routes under app/api/[tenant]/passkeys/register). Deleting a way to sign in is
// sensitive, so a proof of identity older than ten minutes is asked for again first.

const idField = z.string().min(1).max(40);

function done(slug: string, message: string): FormState {
  revalidatePath(`/${slug}/security`);
  return { status: "success", fieldErrors: {}, message, values: {} };
}

const renameSchema = z.object({
  passkeyId: idField,
  name: z.string().trim().min(1, { error: "passkeyNameRequired" }).max(PASSKEY_NAME_MAX, { error: "passkeyNameTooLong" }),
});

export const renamePasskeyAction = memberAction(renameSchema, "workspace.view", async (input, ctx, { formData, ...meta }) =>
  (await renameOwnPasskey(ctx, input.passkeyId, input.name, meta)) ? done(ctx.tenant.slug, "renamed") : fieldError(formData, "name", "passkeyNotFound"),
);

export const deletePasskeyAction = memberAction(z.object({ passkeyId: idField }), "workspace.view", async (input, ctx, { formData, ...meta }) => {
  if (await needsReverification(ctx)) redirect(reverifyPath(ctx.tenant.slug, `/${ctx.tenant.slug}/security`));
  const result = await deleteOwnPasskey(ctx, input.passkeyId, meta);
  if (!result.deleted) return formError(formData, "passkeyNotFound");
  // This session carries on under a new token; the old one is refused from now on.
  if (result.renewedSession) await setSessionCookie(result.renewedSession.token, result.renewedSession.maxAgeSeconds);
  return done(ctx.tenant.slug, "deleted");
});
