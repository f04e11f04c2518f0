import { createHash, randomBytes } from "node:crypto";

// Secrets that travel in cookies and links (sessions, invitations, reset links) are random bytes,
// base64url-encoded; only their SHA-256 is stored, so a database leak yields nothing usable.
export function generateToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
