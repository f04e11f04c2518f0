/**
 * Where to go after signing in: only a path inside the same workspace, so a crafted
 * ?next= can never send a freshly signed-in user to another site or workspace.
 */
export function safeReturnPath(slug: string, next: string | null | undefined): string {
  const home = `/${slug}`;
  if (!next || next.length > 500) return home;
  if (next.includes("\\") || next.includes("//") || /[\u0000-\u001f]/.test(next)) return home;
  if (next !== home && !next.startsWith(`${home}/`) && !next.startsWith(`${home}?`)) return home;
  if (next.startsWith(`${home}/login`)) return home;
  return next;
}
