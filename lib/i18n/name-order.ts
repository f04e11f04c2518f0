import { isLocale, type Locale } from "./locales";

// Names in the reader's language: the order a reader of English expects (ICU's root order:
// accents beside their letter, Chinese after Latin) or a reader of Chinese (pinyin, Chinese
// first). PostgreSQL sorts with the same ICU rules (migration 20261207100000_reader_collation),
// so a list sorted by the database and one sorted here agree.

/** The PostgreSQL collation that orders names for the reader. */
export const SQL_NAME_COLLATION = { en: "und-x-icu", "zh-CN": "zh-x-icu" } as const satisfies Record<Locale, string>;

/** The reader's locale for ordering names; anything unknown reads as English. */
export function readerLocale(locale: string | null | undefined): Locale {
  return isLocale(locale) ? locale : "en";
}

const collators = new Map<Locale, Intl.Collator>();

/** Compares two names as the reader orders them, with the rules the database uses. */
export function compareNames(locale: Locale): (a: string, b: string) => number {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale);
    collators.set(locale, collator);
  }
  return collator.compare;
}

/** A copy of `rows` ordered by name for the reader; equal names keep their order. */
export function sortByName<T>(rows: readonly T[], locale: Locale, nameOf: (row: T) => string): T[] {
  const compare = compareNames(locale);
  return [...rows].sort((a, b) => compare(nameOf(a), nameOf(b)));
}
