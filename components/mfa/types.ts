import type { FormState } from "@/lib/forms/form-state";

/** A server action bound to its workspace slug, as forms call it. */
export type BoundAction = (state: FormState, formData: FormData) => Promise<FormState>;
