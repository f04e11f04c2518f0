import type { MessageKeys, NestedKeyOf, useTranslations } from "next-intl";
import type { Messages } from "./messages";

// Translation keys are typed (i18n/app-config.ts): t("a.missing.key") fails the type check. A key
// built from a fixed list is typed as the union of the keys that list makes, so a value without a
// message fails it too. Only keys that arrive as data (an error key in a form state the server
// sent, a stored row's value) are unknown to tsc: those are checked when shown, with isMessageKey.

/** Every key under a namespace, e.g. MessageKey<"errors"> is "generic" | "captchaRequired" | … */
export type MessageKey<Namespace extends keyof Messages> = MessageKeys<Messages[Namespace], NestedKeyOf<Messages[Namespace]>>;

/** Every key of every namespace, e.g. "common.save". */
export type AnyMessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;

/** A translator of every namespace, as getTranslations() and createTranslator({ messages }) give without one. */
export type RootTranslator = ReturnType<typeof useTranslations<never>>;

/**
 * Whether a key that arrives as data has a message in the translator's namespace: narrows it to
 * that namespace's keys, so `isMessageKey(t, key) ? t(key) : t("generic")` type-checks while a
 * literal key still has to exist.
 */
export function isMessageKey<Key extends string>(t: { has(key: Key): boolean }, key: string): key is Key {
  return t.has(key as Key);
}
