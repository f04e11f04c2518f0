/** The token from a URL segment; a malformed %-escape is just an unknown token, never a 500. */
export function tokenFromParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return "";
  }
}
