import { readFileSync } from "node:fs";
import path from "node:path";

// What the production build under test contains, read from the manifests `next build` writes,
// so tests reach every page, route and server action without a hand-kept list going stale.

const SERVER_DIR = path.join(process.cwd(), ".next", "server");

function readManifest<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(SERVER_DIR, name), "utf8")) as T;
}

export type ServerAction = { id: string; exportedName: string; filename: string; pages: string[] };

/** Every server action of the build, with the app pages (e.g. "/[tenant]/(app)/members/page") that render it. */
export function serverActions(): ServerAction[] {
  const manifest = readManifest<{ node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }> }>("server-reference-manifest.json");
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    exportedName: entry.exportedName ?? "",
    filename: entry.filename ?? "",
    pages: Object.keys(entry.workers).map((worker) => `/${worker.replace(/^app\//, "")}`),
  }));
}

/** The id of one action, found by its module and export name. */
export function serverActionId(filename: string, exportedName: string): string {
  const action = serverActions().find((candidate) => candidate.filename === filename && candidate.exportedName === exportedName);
  if (!action) throw new Error(`No server action ${exportedName} in ${filename} in this build`);
  return action.id;
}

export type AppRoute = { route: string; kind: "page" | "route" };

/** Every page and route handler of the build, as app paths ("/[tenant]/(app)/customers/[id]"). */
export function appRoutes(): AppRoute[] {
  const manifest = readManifest<Record<string, string>>("app-paths-manifest.json");
  return Object.keys(manifest).flatMap((key) => {
    const match = /^(.*)\/(page|route)$/.exec(key);
    return match ? [{ route: match[1] || "/", kind: match[2] as "page" | "route" }] : [];
  });
}

/** An app path made into a URL: route groups dropped, each [param] filled in by `fill`. */
export function urlFor(appPath: string, fill: (param: string) => string): string {
  const segments = appPath
    .replace(/\/page$/, "")
    .split("/")
    .filter((segment) => segment && !/^\(.*\)$/.test(segment))
    .map((segment) => {
      const param = /^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/.exec(segment);
      return param ? fill(param[1]!) : segment;
    });
  return `/${segments.join("/")}`;
}
