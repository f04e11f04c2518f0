import type { IncomingHttpHeaders } from "node:http";

export const CLIENT_IP_HEADER: string;
export const CLIENT_IP_SEAL_HEADER: string;
export function clientAddressStamper(options: {
  trustProxy: boolean;
  key?: Buffer;
}): (req: { headers: IncomingHttpHeaders | Record<string, string | undefined>; socket: { remoteAddress?: string } }) => string;
