import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { captchaErrorKey, verifyCaptchaSolution } from "@/lib/auth/captcha";
import { chargeAuthIpLimit } from "@/lib/auth/ip-limit";
import { ipLimitChargedByProxy, requestInfo } from "@/lib/auth/request-info";
import { echoValues, fieldError, formError, invalid, type FormState } from "@/lib/forms/form-state";
import { logError } from "@/lib/log";
import type { RequestMeta } from "@/lib/dal/context";
import { refusedActionInput } from "./action-input";

/** One string for each value the page binds ahead of the form, e.g. ["slug", "token"] → [string, string]. */
type BoundArgs<Names extends readonly string[]> = { [K in keyof Names]: string };

/** What a public form's action receives: the values bound by its page, the previous state, the form. */
export type PublicFormAction<Names extends readonly string[]> = (...args: [...BoundArgs<Names>, FormState, FormData]) => Promise<FormState>;

/** The request as the steps and the action see it: the client's address and browser, and the form. */
type Request = { meta: RequestMeta; formData: FormData };

/** The parsed form, then the values the page bound (by name, e.g. { slug, token }) with the request. */
type Handler<Names extends readonly string[], S extends z.ZodType> = (
  input: z.output<S>,
  request: Record<Names[number], string> & Request,
) => Promise<FormState>;

/** A captcha the form must carry before the action runs (lib/auth/captcha.ts). */
export type CaptchaStep<Input> = {
  /** Whether this request must carry one; without it, every request must. */
  requiredWhen?: (request: Request) => Promise<boolean>;
  /**
   * Refusals that come before the captcha: a solution can be spent once, so a form that will be
   * refused anyway (a weak password) keeps its solution for the corrected submission.
   */
  checkFirst?: (input: Input, request: Request) => Promise<FormState | null>;
  /** The message key (under errors.*) when no solution came, where the sign-in form's words do not fit. */
  missingKey?: string;
};

type PublicActionOptions<Names extends readonly string[], S extends z.ZodType> = {
  /** Names of the values the page binds ahead of the form (slug, token…), in their order. */
  bound: Names;
  /** The form's fields; the action receives what it parsed to, never the raw form. */
  schema: S;
  /** The log's label for an unexpected failure. */
  logAs: string;
  /** The answer to a form that does not parse, when it differs from every field's errors with what was typed echoed. */
  onInvalid?: (error: z.ZodError, request: Request) => Promise<FormState>;
  captcha?: CaptchaStep<z.output<S>>;
};

/**
 * Every public server action goes through here (signing up, signing in, emailed links, password
 * resets, invitations, "this wasn't me", finding a workspace), in this order:
 * 1. the arguments are checked as in memberAction (./action-input.ts): wrong shapes and NUL
 *    characters are refused before anything reads them;
 * 2. the request counts against the client address's per-IP limit, unless proxy.ts already
 *    counted it: the proxy only sees the path, and Next.js runs an action posted to any page (it
 *    forwards it to a page that renders it), so the rule lives with the action itself;
 * 3. the form is parsed with the action's schema;
 * 4. the captcha, when the action asks for one, is verified (and spent);
 * 5. the action runs with the parsed input; an unexpected failure becomes a generic message, not
 *    a stack trace.
 * Errors come back in the form-state contract of lib/forms/form-state.ts, as memberAction's do.
 */
export function publicAction<const Names extends readonly string[], S extends z.ZodType>(
  options: PublicActionOptions<Names, S>,
  handler: Handler<Names, S>,
): PublicFormAction<Names> {
  const { bound: names, schema, logAs, onInvalid, captcha } = options;
  return async (...args) => {
    // The arguments are the request's, not necessarily our form's: check them before reading any.
    const refused = refusedActionInput(args, names.length + 2);
    if (refused) return refused;
    const formData = args.at(-1) as FormData;
    const bound = Object.fromEntries(names.map((name, index) => [name, args[index] as string])) as Record<Names[number], string>;
    try {
      const request: Request = { meta: await requestInfo(), formData };
      if (!(await ipLimitChargedByProxy())) {
        const retryAfter = await chargeAuthIpLimit(request.meta.ip);
        if (retryAfter !== null) {
          return { status: "error", fieldErrors: {}, formError: "rateLimited", formErrorValues: { seconds: String(retryAfter) }, values: echoValues(formData) };
        }
      }
      const parsed = schema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return onInvalid ? await onInvalid(parsed.error, request) : invalid(formData, parsed.error);
      if (captcha) {
        const refusal = await captchaRefusal(captcha, parsed.data, request);
        if (refusal) return refusal;
      }
      return await handler(parsed.data, { ...bound, ...request });
    } catch (error) {
      unstable_rethrow(error);
      logError(logAs, error);
      return formError(formData, "generic");
    }
  };
}

async function captchaRefusal<Input>(step: CaptchaStep<Input>, input: Input, request: Request): Promise<FormState | null> {
  if (step.checkFirst) {
    const refusal = await step.checkFirst(input, request);
    if (refusal) return refusal;
  }
  if (step.requiredWhen && !(await step.requiredWhen(request))) return null;
  const verdict = await verifyCaptchaSolution(request.formData.get("captcha"));
  if (verdict === "ok") return null;
  const key = verdict === "missing" && step.missingKey ? step.missingKey : captchaErrorKey(verdict);
  // The form shows its captcha from now on, if it did not already.
  return { ...fieldError(request.formData, "captcha", key), captchaRequired: true };
}
