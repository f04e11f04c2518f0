import { phoneSearchForms } from "@/lib/validation/crm-phone";
import { foldForSearch } from "../search/text-match";

// What the list search matches: one lowercased, accent-free (foldForSearch) text per record, kept in `searchText` and indexed
// with pg_trgm, so "any fragment of a name, email, phone or website" is one indexed ILIKE.
// Phones appear as stored (E.164), digits only and national digits, so "010-1234 5678",
// "+86 10 1234 5678" and "1012345678" all find the same customer once the query's separators are
// stripped (see searchPatterns in list-customers.ts).

type CustomerLike = { name: string; website?: string | null; phone?: string | null; city?: string | null };
type ContactLike = { name: string; email?: string | null; phone?: string | null; mobile?: string | null };

function websiteHost(website: string | null | undefined): string[] {
  if (!website) return [];
  try {
    const host = new URL(website).hostname;
    return [host, host.replace(/^www\./, "")];
  } catch {
    return [website];
  }
}

function join(parts: (string | null | undefined)[]): string {
  const unique = [...new Set(parts.filter((part): part is string => !!part).map((part) => foldForSearch(part).trim()))];
  // A separator nobody types keeps one field's end from joining the next field's start in a match.
  return unique.filter(Boolean).join(" | ");
}

export function contactSearchText(contact: ContactLike): string {
  return join([contact.name, contact.email, ...phoneSearchForms(contact.phone), ...phoneSearchForms(contact.mobile)]);
}

/** The customer's own fields plus its (not deleted) contacts', so a contact's email finds its company. */
export function customerSearchText(customer: CustomerLike, contacts: readonly ContactLike[]): string {
  return join([customer.name, ...websiteHost(customer.website), ...phoneSearchForms(customer.phone), ...contacts.map(contactSearchText)]);
}
