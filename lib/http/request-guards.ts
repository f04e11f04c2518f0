// Checks proxy.ts makes before Next.js sees a request, for input that would otherwise reach a
// page, an action or PostgreSQL and come back as a 500: a NUL character or a broken %-escape in
// the path or query, a form body larger than the server actions accept, and
// a server action call that is not one our forms could send. Each answers a 4xx (see proxy.ts).

/** serverActions.bodySizeLimit in next.config.mjs ("1mb"): larger form bodies are refused with 413. */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

function decodesCleanly(encoded: string): boolean {
  try {
    return !decodeURIComponent(encoded).includes("\u0000");
  } catch {
    return false;
  }
}

/**
 * False for a path or query holding a NUL character (%00) or a %-escape that is not UTF-8: no
 * page, search or lookup can use one, and PostgreSQL refuses to store or compare U+0000.
 */
export function isCleanUrl(url: URL): boolean {
  if (!url.pathname.split("/").every(decodesCleanly)) return false;
  const query = url.search.replace(/^\?/, "");
  return query.split("&").every((pair) => pair.split("=").every((part) => decodesCleanly(part.replaceAll("+", " "))));
}

/**
 * Whether a body sent without Content-Length (chunked) is larger than `limit` bytes; reads at most
 * one chunk past the limit. Next.js forwards a server action to another page this way.
 */
export async function bodyExceeds(request: Request, limit: number): Promise<boolean> {
  if (!request.body) return false;
  const reader = request.body.getReader();
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      size += value.byteLength;
      if (size > limit) return true;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * A POST that Next.js reads as a server action: an action call from JavaScript (Next-Action
 * header), or a form posted to a page, which Next.js decodes looking for a form action. Uploads
 * and JSON go to route handlers, which read and limit their own bodies.
 */
export function isFormLikePost(method: string, headers: Headers): boolean {
  if (method !== "POST") return false;
  if (headers.has("next-action")) return true;
  const type = (headers.get("content-type") ?? "").toLowerCase();
  return type.startsWith("multipart/form-data") || type.startsWith("application/x-www-form-urlencoded");
}

// The encodings React's client uses in a server action's arguments (react-server-dom-webpack's
// encodeReply) for what our forms and calls pass: FormData ($K), undefined, dates, bigints, odd
// numbers, and a string that starts with "$" ($$). Anything else — promises, maps, streams,
// temporary references — is no argument any of our actions takes, and a reference to a missing
// part is what makes React's decoder throw.
const ALLOWED_REFERENCE = /^\$(?:\$|K\d+$|undefined$|D.|n-?\d+$|-0$|Infinity$|-Infinity$|NaN$)/;

function onlyAllowedReferences(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  if (typeof value === "string") return !value.startsWith("$") || ALLOWED_REFERENCE.test(value);
  if (Array.isArray(value)) return value.every((item) => onlyAllowedReferences(item, depth + 1));
  if (value && typeof value === "object") return Object.values(value).every((item) => onlyAllowedReferences(item, depth + 1));
  return true;
}

function isArgumentList(json: string): boolean {
  try {
    const args: unknown = JSON.parse(json);
    return Array.isArray(args) && onlyAllowedReferences(args);
  } catch {
    return false;
  }
}

/**
 * Whether a server action call's body is one React's decoder can read: multipart with the
 * argument list in field "0" (a form's fields travel as "$K" parts beside it), or the argument
 * list alone as text. The body is at most ACTION_BODY_LIMIT_BYTES, checked before this.
 */
export async function isWellFormedActionCall(request: Request): Promise<boolean> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  try {
    if (type.startsWith("multipart/form-data")) {
      const args = (await request.formData()).get("0");
      return typeof args === "string" && isArgumentList(args);
    }
    if (type.startsWith("text/plain")) return isArgumentList(await request.text());
  } catch {
    // A body that is not the multipart it says it is.
  }
  return false;
}

/**
 * Whether a form posted without JavaScript names its action in a way React's decoder can read.
 * Such a form carries the action as "$ACTION_REF_<n>" with "$ACTION_<n>:0" = {"id", "bound"},
 * where "bound": "$@<k>" points at part "$ACTION_<n>:<k>", the list of values its page bound. A
 * missing or malformed part makes the decoder throw (a 500); an action id that `isKnownId` doesn't
 * know ("$ACTION_ID_<id>" or in the reference) is refused too. Other forms pass untouched.
 */
export async function isWellFormedFormPost(request: Request, isKnownId: (id: string) => boolean): Promise<boolean> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) return true;
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return false;
  }
  for (const key of form.keys()) {
    const named = /^\$ACTION_ID_(.*)$/.exec(key);
    if (named && !isKnownId(named[1]!)) return false;
    const ref = /^\$ACTION_REF_(.*)$/.exec(key);
    if (!ref) continue;
    const prefix = `$ACTION_${ref[1]}:`;
    try {
      const head = form.get(`${prefix}0`);
      const reference: unknown = typeof head === "string" ? JSON.parse(head) : null;
      if (!reference || typeof reference !== "object") return false;
      const { id, bound } = reference as { id?: unknown; bound?: unknown };
      if (typeof id !== "string" || !isKnownId(id)) return false;
      if (bound === null || bound === undefined) continue;
      const part = typeof bound === "string" ? /^\$@(\d+)$/.exec(bound) : null;
      const values = part ? form.get(`${prefix}${part[1]}`) : null;
      if (typeof values !== "string" || !isArgumentList(values)) return false;
    } catch {
      return false;
    }
  }
  return true;
}
