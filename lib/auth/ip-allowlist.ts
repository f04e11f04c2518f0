import { BlockList, isIP } from "node:net";

// "Company network only": CIDR ranges an admin enters. Node's BlockList does the matching for
// IPv4 and IPv6, including IPv4-mapped IPv6 addresses.

export type ParsedCidr = { address: string; prefix: number; family: "ipv4" | "ipv6" };

export function parseCidr(input: string): ParsedCidr | null {
  const trimmed = input.trim();
  if (!trimmed || trimmed.length > 64) return null;
  const [address, prefixText, extra] = trimmed.split("/");
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (!version) return null;
  const family = version === 4 ? "ipv4" : "ipv6";
  const max = version === 4 ? 32 : 128;
  if (prefixText === undefined) return { address, prefix: max, family };
  if (!/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix < 0 || prefix > max) return null;
  return { address, prefix, family };
}

export function ipAllowed(ip: string | null | undefined, ranges: string[]): boolean {
  if (ranges.length === 0) return true;
  if (!ip) return false;
  const normalized = ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
  const family = isIP(normalized);
  if (!family) return false;
  const list = new BlockList();
  for (const range of ranges) {
    const cidr = parseCidr(range);
    if (cidr) list.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return list.check(normalized, family === 4 ? "ipv4" : "ipv6");
}
