export const TIME_ZONE_COOKIE = "relay_tz";

/** The cookie's zone if it is a real IANA zone, else UTC. */
export function validTimeZone(value: string | undefined): string {
  if (!value || value.length > 64) return "UTC";
  try {
    const zone = decodeURIComponent(value);
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return "UTC";
  }
}
