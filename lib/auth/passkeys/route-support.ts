import "server-only";
import { NextResponse } from "next/server";
import type { z } from "zod";
import { currentSession, type MemberContext } from "@/lib/auth/current-member";

// Small pieces every passkey route handler shares: JSON answers that are never cached, a body
// read that refuses anything oversized or malformed without throwing, and the session check.

const MAX_BODY_BYTES = 64 * 1024;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return NextResponse.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** An error answer: `error` is a message key under "passkeys.errors". */
export function refusal(error: string, status = 400, extra: Record<string, unknown> = {}) {
  return json({ error, ...extra }, status);
}

export async function readJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S> | null> {
  const text = await request.text().catch(() => "");
  if (!text || text.length > MAX_BODY_BYTES) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The origin the browser says the request came from (proxy.ts has already refused other hosts). */
export function requestOriginOf(request: Request): string | null {
  return request.headers.get("origin");
}

/**
 * The signed-in member of this workspace, or null. With `step`, only a session owing exactly that
 * step qualifies (the second-factor routes); without, only an unrestricted one.
 */
export async function memberFor(slug: string, step: MemberContext["restriction"] = null): Promise<MemberContext | null> {
  const ctx = await currentSession();
  if (!ctx || ctx.tenant.slug !== slug || !ctx.networkAllowed) return null;
  return ctx.restriction === step ? ctx : null;
}
