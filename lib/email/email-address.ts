/**
 * Trimmed and lowercased, as user emails are stored, so the outbox can be looked up by the address
 * a person typed in any case.
 */
export function normalizeEmailAddress(address: string): string {
  return address.trim().toLowerCase();
}
