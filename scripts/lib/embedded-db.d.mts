export function embeddedUrl(port: number, database: string): string;
export function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database: string;
  log?: (message: string) => void;
}): Promise<{ url: string; adminUrl: string; stop: () => Promise<void> }>;
export function ensureDatabase(adminUrl: string, database: string, options?: { template?: string }): Promise<void>;
export function dropDatabase(adminUrl: string, database: string): Promise<void>;
