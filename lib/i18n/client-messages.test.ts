import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";
import { pickMessages, SHELL_NAMESPACES } from "./client-messages";

describe("pickMessages", () => {
  const messages = { common: { save: "Save" }, mfa: { recovery: { title: "Codes" }, totp: { title: "App" } }, errors: { generic: "Oops" } };

  it("keeps only the named namespaces, nested ones under their parents", () => {
    expect(pickMessages(messages, ["common", "mfa.recovery"])).toEqual({ common: { save: "Save" }, mfa: { recovery: { title: "Codes" } } });
  });

  it("merges two nested namespaces of one parent and skips a name that matches nothing", () => {
    expect(pickMessages(messages, ["mfa.recovery", "mfa.totp", "nothing.here"])).toEqual({ mfa: messages.mfa });
  });

  it("names every shell namespace that exists, so the shell's components are never without theirs", () => {
    expect(Object.keys(pickMessages(MESSAGES.en, SHELL_NAMESPACES)).sort()).toEqual([...SHELL_NAMESPACES].sort());
  });
});

// The browser receives only the messages a page's providers name (components/i18n/client-messages.tsx).
// This walks every page's imports to the client components it renders and checks that each
// namespace they translate with is provided: by the innermost layout's ClientMessages (or every
// message, AllMessagesLayout), the shell's, or a ClientMessages inside the page itself.
const ROOT = path.resolve(__dirname, "../..");

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? path.join(ROOT, spec.slice(2)) : spec.startsWith(".") ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const ext of ["", ".tsx", ".ts", "/index.tsx", "/index.ts"]) {
    if (existsSync(base + ext) && statSync(base + ext).isFile()) return base + ext;
  }
  return null;
}

/** The namespaces a file's useTranslations calls read; for useTranslations() with no namespace, the first segment of each key it names. */
function namespacesUsed(source: string): string[] {
  const used = [...source.matchAll(/useTranslations\(\s*"([^"]+)"\s*\)/g)].map((match) => match[1]!);
  if (/useTranslations\(\s*\)/.test(source)) {
    for (const match of source.matchAll(/\bt(?:\.has|\.rich)?\(\s*["`]([a-zA-Z]+)\./g)) used.push(match[1]!);
  }
  return used;
}

/** Every client component a file reaches through its imports, with the namespaces each reads. */
function clientNamespaces(file: string, seen = new Map<string, string[]>(), underClient = false): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const source = readFileSync(file, "utf8");
  const client = underClient || /^["']use client["']/m.test(source.slice(0, 200));
  seen.set(file, client ? namespacesUsed(source) : []);
  if (/\/lib\/(dal|auth|db|generated)\//.test(file)) return seen;
  // `import type` (and `export type`) brings no component into the page: it is erased at build.
  for (const match of source.matchAll(/^(?!(?:import|export) type\b)[^\n]*?\bfrom\s+["']([^"']+)["']/gm)) {
    const target = resolveImport(file, match[1]!);
    if (target) clientNamespaces(target, seen, client);
  }
  return seen;
}

/** What a ClientMessages or AllMessagesLayout in `source` provides: "all", a list, or nothing. */
function provided(source: string): "all" | string[] | null {
  if (/AllMessagesLayout|namespaces="all"/.test(source)) return "all";
  const lists = [...source.matchAll(/<ClientMessages namespaces=\{\[([^\]]*)\]\}/g)];
  if (!lists.length) return null;
  return lists.flatMap((match) => [...match[1]!.matchAll(/"([^"]+)"/g)].map((name) => name[1]!));
}

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return pages(full);
    return entry === "page.tsx" ? [full] : [];
  });
}

describe("the messages each page sends to the browser", () => {
  it("cover every namespace its client components translate with", () => {
    const missing = new Set<string>();
    for (const page of pages(path.join(ROOT, "app"))) {
      // The innermost layout that names messages decides (an inner provider replaces an outer one).
      let layoutProvides: "all" | string[] = [];
      const segments = path.relative(path.join(ROOT, "app"), path.dirname(page)).split(path.sep).filter(Boolean);
      for (let depth = 0; depth <= segments.length; depth += 1) {
        const layout = path.join(ROOT, "app", ...segments.slice(0, depth), "layout.tsx");
        const found = existsSync(layout) ? provided(readFileSync(layout, "utf8")) : null;
        if (found) layoutProvides = found;
      }
      if (layoutProvides === "all") continue;
      const inPage = provided(readFileSync(page, "utf8"));
      const available = new Set<string>([...SHELL_NAMESPACES, ...layoutProvides, ...(inPage === "all" ? [] : (inPage ?? []))]);
      if (inPage === "all") continue;
      for (const [file, namespaces] of clientNamespaces(page)) {
        for (const namespace of namespaces) {
          const covered = [...available].some((name) => namespace === name || namespace.startsWith(`${name}.`));
          if (!covered) missing.add(`${path.relative(ROOT, page)}: ${path.relative(ROOT, file)} reads "${namespace}"`);
        }
      }
    }
    expect([...missing]).toEqual([]);
  });
});
