import { randomBytes } from "node:crypto";

// Server logs get what an operator needs to find a failure (where, which error class and code,
// a reference), never a stack trace, SQL text, request body or secret.
export function logError(where: string, error: unknown): string {
  const reference = randomBytes(6).toString("hex");
  const name = error instanceof Error ? error.name : typeof error;
  const code = typeof error === "object" && error && "code" in error ? String((error as { code: unknown }).code) : undefined;
  console.error(JSON.stringify({ level: "error", where, error: name, code, reference, at: new Date().toISOString() }));
  return reference;
}
