export function mailboxEnabled(env: Readonly<Record<string, string | undefined>>): boolean;
