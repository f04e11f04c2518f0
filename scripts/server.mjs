// The HTTP server in front of Next.js. It exists for one reason: Next.js gives route handlers and
// server actions no trustworthy client address (it keeps any X-Forwarded-For a client sends), and
// per-IP limits, audit entries and session lists need one. Every request gets x-relay-client-ip
// set here, overwriting whatever the client sent (scripts/lib/client-address.mjs).
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import next from "next";
import { clientAddressStamper } from "./lib/client-address.mjs";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";
const trustProxy = process.env.TRUST_PROXY === "true";

const stampClientAddress = clientAddressStamper({ trustProxy });

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// A path Next.js can't decode (a broken %-escape) would become a 500 with a stack trace in the
// log; it is the client's mistake, so it gets a plain 400 here, in the reader's language (the
// relay_locale cookie, else Accept-Language, as i18n/request.ts chooses).
const badUrlMessage = Object.fromEntries(
  ["en", "zh-CN"].map((locale) => [locale, JSON.parse(readFileSync(new URL(`../messages/${locale}.json`, import.meta.url), "utf8")).errors.badUrl]),
);
function readerLocale(req) {
  const chosen = /(?:^|;\s*)relay_locale=([^;]+)/.exec(String(req.headers.cookie ?? ""))?.[1];
  if (chosen === "en" || chosen === "zh-CN") return chosen;
  const preferred = String(req.headers["accept-language"] ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return preferred.startsWith("zh") ? "zh-CN" : "en";
}

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
    res.end(badUrlMessage[readerLocale(req)]);
    return;
  }
  stampClientAddress(req);
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
