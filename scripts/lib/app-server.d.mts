import type { ChildProcess } from "node:child_process";

export function defaultAppUrl(port: number): string;
export function appServerEnvironment(options: {
  port: number;
  databaseUrl: string;
  embedded: boolean;
  dev?: boolean;
  appUrl?: string;
  overrides?: Record<string, string>;
}): NodeJS.ProcessEnv;
export function servesMailbox(env: NodeJS.ProcessEnv): boolean;
export function seedDemoWorkspace(databaseUrl: string): void;
export function buildWhenStale(env: NodeJS.ProcessEnv, log?: (message: string) => void): boolean;
export function spawnAppServer(env: NodeJS.ProcessEnv, options?: { dev?: boolean; stdin?: "inherit" | "ignore" }): ChildProcess;
