// How a search box's text is matched against records, shared by the customer list, Ctrl/Cmd+K
// and the opportunity list. Two indexes answer it together (migration 20261129050000_cjk_search):
//  - pg_trgm on the lowercased text, for Latin letters, digits and emails;
//  - a GIN array of the text's character pairs that contain a non-ASCII character, for Chinese
//    (pg_trgm sees no words in CJK under the cluster's C locale, and a two-character term has no
//    trigram anyway). A query's pairs must all be there, then LIKE rechecks the order.

/** LIKE's wildcards typed by a user are searched for literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Text as search compares it: lowercased and without accents, so "eclair", "Éclair" and "ÉCLAIR"
 * are one word. Only the combining accents of Latin, Greek and Cyrillic (U+0300–U+036F) go; the
 * marks other scripts spell with stay. SQL's search_fold() does exactly this (migration
 * 20261207100000_reader_collation; a test holds the two to each other).
 */
export function foldForSearch(text: string): string {
  return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
}

/**
 * What the search box's text is matched as: folded like searchText (foldForSearch), and a query
 * that looks like a phone number ("010-1234 5678", "(555) 010 2000") by its digits alone.
 */
export function searchNeedle(q: string): string {
  const trimmed = foldForSearch(q.trim());
  if (/^[+\d\s().\-/]+$/.test(trimmed) && (trimmed.match(/\d/g)?.length ?? 0) >= 3) return trimmed.replace(/\D/g, "");
  return trimmed.replace(/\s+/g, " ");
}

/**
 * The distinct pairs of adjacent characters (code points, as PostgreSQL counts them) with at least
 * one non-ASCII character: exactly what SQL's search_bigrams() stores for a record.
 */
export function searchBigrams(text: string): string[] {
  const chars = Array.from(text);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) {
    const first = chars[i]!;
    const second = chars[i + 1]!;
    if (first.codePointAt(0)! > 0x7f || second.codePointAt(0)! > 0x7f) pairs.add(first + second);
  }
  return [...pairs];
}

// The shape of both Customer's and Contact's where clauses for these two columns.
type SearchableWhere = { searchText: { contains: string }; searchBigrams?: { hasEvery: string[] } };

/** A customer's or contact's searchText contains the needle (from searchNeedle), through an index in any script. */
export function searchTextWhere(needle: string): SearchableWhere {
  const pairs = searchBigrams(needle);
  return {
    searchText: { contains: escapeLike(needle) },
    ...(pairs.length ? { searchBigrams: { hasEvery: pairs } } : {}),
  };
}
