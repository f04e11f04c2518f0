import "server-only";
import { redirect, unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { currentSession, type MemberContext } from "@/lib/auth/current-member";
import { can, type Permission } from "@/lib/auth/permissions";
import { requestInfo } from "@/lib/auth/request-info";
import { formError, invalid, type FormState } from "@/lib/forms/form-state";
import { stepPath, type RestrictionStep } from "@/lib/auth/session-restriction";
import { logError } from "@/lib/log";
import { refusedActionInput } from "./action-input";
import type { RequestMeta } from "@/lib/dal/context";

type Handler<S extends z.ZodType> = (
  input: z.output<S>,
  ctx: MemberContext,
  meta: RequestMeta & { formData: FormData },
  /**
   * The fields as submitted, which the schema accepted: typed as its input, for a DAL function
   * that parses them again itself (a transform such as "" → null or a date string → Date does not
   * parse twice). Unknown fields are not removed.
   */
  submitted: z.input<S>,
) => Promise<FormState>;

/**
 * Every signed-in server action goes through here: the session is checked again (a page-level
 * check does not protect the actions defined in it), a session from another workspace counts as
 * none, the permission is checked, the input validated, and unexpected failures become a generic
 * message instead of a stack trace. The slug is bound by the page and only picks which login page
 * to send a signed-out user to; the workspace acted on is always the session's own. Arguments of
 * the wrong shape, or text with a NUL character, are refused first (./action-input.ts).
 */
export function memberAction<S extends z.ZodType>(
  schema: S,
  permission: Permission,
  handler: Handler<S>,
  /**
   * allowRestricted: the one restriction step (see lib/auth/session-restriction.ts) this action
   * completes, e.g. "password-change" or "mfa-enrol"; a session owing any other step is sent to it.
   */
  options: { allowRestricted?: RestrictionStep } = {},
) {
  return async (...args: [slug: string, prev: FormState, formData: FormData]): Promise<FormState> => {
    // The arguments are the request's, not necessarily our form's: check them before reading any.
    const refused = refusedActionInput(args, 3);
    if (refused) return refused;
    const [slug, , formData] = args;
    const ctx = await currentSession();
    if (!ctx || ctx.tenant.slug !== slug) redirect(`/${encodeURIComponent(slug)}/login?reason=session`);
    if (!ctx.networkAllowed) redirect(`/${encodeURIComponent(slug)}/network-only`);
    if (ctx.restriction && ctx.restriction !== options.allowRestricted) redirect(stepPath(slug, ctx.restriction));
    if (!can(ctx.role, permission)) return formError(formData, "notAllowed");
    const submitted: unknown = Object.fromEntries(formData);
    const parsed = schema.safeParse(submitted);
    if (!parsed.success) return invalid(formData, parsed.error);
    try {
      // What parsed is, by construction, of the schema's input type.
      return await handler(parsed.data, ctx, { ...(await requestInfo()), formData }, submitted as z.input<S>);
    } catch (error) {
      unstable_rethrow(error);
      logError(`action:${permission}`, error);
      return formError(formData, "generic");
    }
  };
}
