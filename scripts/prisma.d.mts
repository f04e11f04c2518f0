export const prismaEnv: Record<string, string>;
export function runPrisma(args: string[], env?: Record<string, string>, options?: { quiet?: boolean }): void;
