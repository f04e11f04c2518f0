// The HTTP server in front of Next.js. It exists for one reason: Next.js gives route handlers and
// server actions no trustworthy client address (it keeps any X-Forwarded-For a client sends), and
// per-IP limits, audit entries and session lists need one. Every request gets x-relay-client-ip
// set here, overwriting whatever the client sent.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "true";

function clientIp(req) {
  if (trustProxy) {
    // The trusted proxy appends the address that connected to it: the right-most entry.
    const hops = String(req.headers["x-forwarded-for"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (hops.length) return hops[hops.length - 1];
  }
  return (req.socket.remoteAddress ?? "").replace(/^::ffff:/, "");
}

// Next.js runs a server action posted to a page that doesn't render it by re-sending the request,
// with the original's headers, as a new HTTP request from this process to the page that does
// (x-action-forwarded). That request connects from this server's own address, so overwriting the
// client address as above would charge it, and record it in the audit log, for whoever sent the
// original. The address set here goes out with a seal (an HMAC under a key this process alone
// holds), and a forwarded request keeps the address whose seal it carries; a client cannot make one.
const CLIENT_IP_HEADER = "x-relay-client-ip";
const CLIENT_IP_SEAL_HEADER = "x-relay-client-ip-seal";
const sealKey = randomBytes(32);
const seal = (ip) => createHmac("sha256", sealKey).update(ip).digest();

function sealedClientIp(req) {
  const ip = req.headers[CLIENT_IP_HEADER];
  const proof = req.headers[CLIENT_IP_SEAL_HEADER];
  if (!req.headers["x-action-forwarded"] || typeof ip !== "string" || typeof proof !== "string") return null;
  const given = Buffer.from(proof, "base64url");
  const expected = seal(ip);
  return given.length === expected.length && timingSafeEqual(given, expected) ? ip : null;
}

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// A path Next.js can't decode (a broken %-escape) would become a 500 with a stack trace in the
// log; it is the client's mistake, so it gets a plain 400 here.
function decodablePath(url) {
  try {
    const path = (url ?? "/").split("?")[0];
    for (const segment of path.split("/")) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

const server = createServer((req, res) => {
  if (!decodablePath(req.url)) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
    res.end("Bad request: malformed URL");
    return;
  }
  const ip = sealedClientIp(req) ?? clientIp(req);
  req.headers[CLIENT_IP_HEADER] = ip;
  req.headers[CLIENT_IP_SEAL_HEADER] = seal(ip).toString("base64url");
  handle(req, res);
});
server.requestTimeout = 30_000;
server.headersTimeout = 15_000;
server.listen(port, hostname, () => {
  process.send?.({ ready: true, port });
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
