// Workspace addresses appear in every URL (/<slug>/login), so they must never collide with the
// app's own top-level routes or look like something official.
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
export const SLUG_MIN = 3;
export const SLUG_MAX = 40;

export const RESERVED_SLUGS = new Set([
  "login", "logout", "signin", "signout", "signup", "register", "api", "admin", "administrator",
  "app", "dev", "mailbox", "help", "support", "about", "docs", "status", "health", "settings",
  "account", "accounts", "auth", "oauth", "sso", "security", "static", "assets", "public", "_next",
  "www", "mail", "email", "root", "system", "relay", "relay-crm", "billing", "invite", "invitations",
  "reset", "forgot-password", "new", "favicon.ico", "robots.txt", "sitemap.xml",
]);

export type SlugProblem = "tooShort" | "tooLong" | "format" | "reserved";

export function normalizeSlug(input: string): string {
  return input.trim().toLowerCase();
}

export function slugProblem(slug: string): SlugProblem | null {
  if (slug.length < SLUG_MIN) return "tooShort";
  if (slug.length > SLUG_MAX) return "tooLong";
  if (!SLUG_PATTERN.test(slug) || slug.includes("--")) return "format";
  if (RESERVED_SLUGS.has(slug)) return "reserved";
  return null;
}

/** A slug suggested from a company name: "Acme & Co. GmbH" → "acme-co-gmbh". */
export function slugFromName(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, "");
  return slug.length >= SLUG_MIN ? slug : `${slug || "team"}-crm`.replace(/^-/, "");
}

/** Candidates for a free address when `taken` is in use: taken-2, taken-3, … within the length limit. */
export function slugAlternatives(taken: string, count = 20): string[] {
  const out: string[] = [];
  for (let n = 2; out.length < count; n += 1) {
    const suffix = `-${n}`;
    const base = taken.slice(0, SLUG_MAX - suffix.length).replace(/-+$/g, "");
    const candidate = `${base}${suffix}`;
    if (!slugProblem(candidate)) out.push(candidate);
  }
  return out;
}
