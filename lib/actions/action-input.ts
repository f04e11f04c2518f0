import { echoValues, type FormState } from "@/lib/forms/form-state";

// What a server action receives is whatever the request said, not what our forms send: an
// attacker picks every argument, the values bound by the page (workspace slug, token) included.
// Both action pipelines (memberAction, publicAction) check the arguments' shape and refuse
// NUL characters here, before anything reads them, so no action can forget to: PostgreSQL
// cannot store U+0000 in text, and a query carrying one fails instead of answering.

const NUL = "\u0000";

function hasNul(value: string): boolean {
  return value.includes(NUL);
}

/**
 * null when the arguments are what our forms send, as many as the action takes: bound strings,
 * the previous form state, then the submitted FormData. Otherwise the state to answer with (nothing has been read or changed).
 */
export function refusedActionInput(args: readonly unknown[], expectedCount: number): FormState | null {
  const formData = args.at(-1);
  // A form posted without JavaScript names its action in a field, and could name it without the
  // values its page binds: then the slug would be the form, and the form missing.
  if (args.length !== expectedCount || !(formData instanceof FormData)) return { status: "error", fieldErrors: {}, formError: "badRequest", values: {} };
  const bound = args.slice(0, -2);
  if (bound.some((value) => typeof value !== "string")) return { status: "error", fieldErrors: {}, formError: "badRequest", values: {} };
  if ((bound as string[]).some(hasNul)) return { status: "error", fieldErrors: {}, formError: "badRequest", values: {} };
  const fieldErrors: Record<string, string[]> = {};
  for (const [name, value] of formData.entries()) {
    if (hasNul(name)) return { status: "error", fieldErrors: {}, formError: "badRequest", values: {} };
    if (typeof value === "string" && hasNul(value)) fieldErrors[name] = ["nulCharacter"];
  }
  if (Object.keys(fieldErrors).length === 0) return null;
  // Echo what was typed with the NUL characters taken out, so the form shows it, fixable.
  const values = Object.fromEntries(Object.entries(echoValues(formData)).map(([name, value]) => [name, value.replaceAll(NUL, "")]));
  return { status: "error", fieldErrors, formError: "nulCharacter", values };
}
