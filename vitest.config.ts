import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // "server-only" throws outside React Server Components; tests are server code.
      "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/fresh-database.ts"],
    // Files run in parallel, each on its own database cloned from a migrated template.
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // next-auth imports "next/server" without an extension, which Node's ESM resolver can't find in
    // Next.js (no exports map); bundled by Vite, it resolves as Next.js's own build does.
    server: { deps: { inline: ["next-auth"] } },
  },
});
