// A self-signed TLS certificate made when the browser tests start, for the https run
// (scripts/e2e-https-server.mjs, e2e/https.spec.ts). Made with the openssl command line, which
// Debian ships with every system; scripts/ensure-browser.mjs installs it where it is missing.
import { spawnSync } from "node:child_process";
import { createHash, X509Certificate } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * A fresh P-256 key and a certificate for `hostnames` (valid for two days) in `dir`, overwriting
 * any earlier pair. Returns the files' paths and the base64 SHA-256 of the certificate's public
 * key (its SPKI), which Chromium's --ignore-certificate-errors-spki-list takes: Chromium then
 * treats this one certificate as valid, as WebAuthn requires, and still refuses any other.
 */
export function makeTestCertificate(dir, hostnames) {
  mkdirSync(dir, { recursive: true });
  const keyPath = path.join(dir, "key.pem");
  const certPath = path.join(dir, "cert.pem");
  const result = spawnSync(
    "openssl",
    [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", keyPath, "-out", certPath, "-days", "2",
      "-subj", `/CN=${hostnames[0]}`,
      "-addext", `subjectAltName=${hostnames.map((name) => `DNS:${name}`).join(",")}`,
    ],
    { encoding: "utf8" },
  );
  if (result.error || result.status !== 0) {
    throw new Error(`openssl could not make the test certificate: ${result.error?.message ?? result.stderr.trim()}`);
  }
  return { keyPath, certPath, spkiSha256: spkiSha256(readFileSync(certPath)) };
}

/** The base64 SHA-256 of a PEM certificate's SubjectPublicKeyInfo. */
export function spkiSha256(certificatePem) {
  const spki = new X509Certificate(certificatePem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}
