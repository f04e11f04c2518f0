import { readFileSync } from "node:fs";
import path from "node:path";

// The server action ids of this build, from the manifest `next build` writes. Next.js answers an
// id it doesn't know with 409 and logs an error with a stack trace for each one, which lets anyone
// fill the log; proxy.ts answers such ids itself. The development server rewrites its manifest
// as files change (and keeps it elsewhere), so there the list is read afresh and, when missing,
// no id is refused.

const MANIFEST = path.join(process.cwd(), ".next", "server", "server-reference-manifest.json");
let cached: Set<string> | null = null;

function readKnownIds(): Set<string> | null {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, "utf8")) as { node?: Record<string, unknown>; edge?: Record<string, unknown> };
    return new Set([...Object.keys(manifest.node ?? {}), ...Object.keys(manifest.edge ?? {})]);
  } catch {
    return null;
  }
}

/** false for an id this build has no action for; true when it has, or when there is no manifest to ask. */
export function isKnownActionId(id: string): boolean {
  const ids = process.env.NODE_ENV === "production" ? (cached ??= readKnownIds()) : readKnownIds();
  return ids === null || ids.has(id);
}
