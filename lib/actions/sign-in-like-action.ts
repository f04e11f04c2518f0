import "server-only";
import { chargeAuthIpLimit } from "@/lib/auth/ip-limit";
import { ipLimitChargedByProxy, requestInfo } from "@/lib/auth/request-info";
import { echoValues, type FormState } from "@/lib/forms/form-state";
import { refusedActionInput } from "./action-input";

/** A public form's action: values bound by its page (slug, token), the previous state, the form. */
type PublicFormAction<Bound extends string[]> = (...args: [...Bound, FormState, FormData]) => Promise<FormState>;

/**
 * Every public action that tries credentials or sends email goes through here (signing up,
 * signing in, emailed links, password resets, invitations, "this wasn't me"). Its request counts
 * against the client address's per-IP limit before the action runs, unless proxy.ts already
 * counted it: the proxy only sees the path, and Next.js runs an action posted to any page (it
 * forwards it to a page that renders it), so the rule lives with the action itself. The
 * arguments are checked as in memberAction.
 */
export function signInLikeAction<Bound extends string[]>(action: PublicFormAction<Bound>): PublicFormAction<Bound> {
  return async (...args) => {
    const refused = refusedActionInput(args, action.length);
    if (refused) return refused;
    const formData = args.at(-1) as FormData;
    if (!(await ipLimitChargedByProxy())) {
      const retryAfter = await chargeAuthIpLimit((await requestInfo()).ip);
      if (retryAfter !== null) {
        return { status: "error", fieldErrors: {}, formError: "rateLimited", formErrorValues: { seconds: String(retryAfter) }, values: echoValues(formData) };
      }
    }
    return action(...args);
  };
}
