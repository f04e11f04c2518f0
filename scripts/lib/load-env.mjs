import { existsSync } from "node:fs";

// Reads .env when present (Node's own parser); variables already set in the environment win.
export function loadEnv(file = ".env") {
  if (existsSync(file)) process.loadEnvFile(file);
}
