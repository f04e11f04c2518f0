// A deliberately tiny user-agent reader for the audit log's "Device" column: enough to tell
// "Chrome on Windows" from "Safari on iOS" at a glance. The full string stays in the row (and the
// CSV export) for anyone who needs the detail. Order matters: most browsers claim to be several
// others ("Mozilla/5.0 … Chrome/… Safari/…"), so the most specific token is tested first.

export type DeviceSummary = {
  /** "Chrome", "Edge", "Firefox", … or, for non-browser clients, their product token ("curl"). */
  browser: string | null;
  /** "Windows", "macOS", "iOS", … */
  os: string | null;
};

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bYaBrowser\//, "Yandex"],
  [/\bMicroMessenger\//, "WeChat"],
  [/\bUCBrowser\//, "UC Browser"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bCriOS\//, "Chrome"],
  [/HeadlessChrome\//, "Headless Chrome"],
  [/\bChrom(?:e|ium)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/\bMSIE |\bTrident\//, "Internet Explorer"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bWindows Phone\b/, "Windows Phone"],
  [/\bWindows\b/, "Windows"],
  [/\biPhone\b|\biPod\b/, "iOS"],
  [/\biPad\b/, "iPadOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bHarmonyOS\b|\bOpenHarmony\b/, "HarmonyOS"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

export function summarizeUserAgent(userAgent: string | null | undefined): DeviceSummary {
  const ua = (userAgent ?? "").trim();
  if (!ua) return { browser: null, os: null };
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1] ?? productToken(ua);
  const os = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1] ?? null;
  return { browser, os };
}

/** "curl/8.5.0" → "curl"; "Mozilla/5.0 (…)" with nothing recognisable → null. */
function productToken(ua: string): string | null {
  const first = /^([A-Za-z][\w.-]{0,39})(?:\/|\s|$)/.exec(ua)?.[1];
  if (!first || first === "Mozilla") return null;
  return first;
}
