import { describeUserAgent } from "@/lib/user-agent";

// A passkey's name is the member's to choose; these are only the defaults they start from.

/** Password managers and platforms that report a recognisable AAGUID (passkey provider). */
const PROVIDERS: Record<string, string> = {
  "fbfc3007-154e-4ecc-8c0b-6e020557d7bd": "iCloud Keychain",
  "ea9b8d66-4d01-1d21-3ce4-b6b48cb575d4": "Google Password Manager",
  "adce0002-35bc-c60a-648b-0b25f1f05503": "Chrome on Mac",
  "08987058-cadc-4b81-b6e1-30de50dcbe96": "Windows Hello",
  "9ddd1817-af5a-4672-a2b9-3e3dd95000a9": "Windows Hello",
  "6028b017-b1d4-4c02-b4b3-afcdafc96bb2": "Windows Hello",
  "bada5566-a7aa-401f-bd96-45619a55120d": "1Password",
  "d548826e-79b4-db40-a3d8-11116f7e8349": "Bitwarden",
  "531126d6-e717-415c-9320-3d9aa6981239": "Dashlane",
};

export const PASSKEY_NAME_MAX = 60;

export function providerName(aaguid: string | null | undefined): string | null {
  return aaguid ? (PROVIDERS[aaguid.toLowerCase()] ?? null) : null;
}

/** "Chrome · macOS" from the browser registering it; the member can change it before saving. */
export function defaultPasskeyName(userAgent: string | null): string {
  return userAgent ? describeUserAgent(userAgent).slice(0, PASSKEY_NAME_MAX) : "Passkey";
}

/** A name as stored: one line, trimmed, bounded. */
export function cleanPasskeyName(name: string): string {
  return name.replace(/\s+/g, " ").trim().slice(0, PASSKEY_NAME_MAX);
}
