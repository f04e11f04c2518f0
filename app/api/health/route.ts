import { systemDb } from "@/lib/db/prisma";

// For load balancers: 200 when this server can reach PostgreSQL, 503 when it cannot.
export const dynamic = "force-dynamic";

export async function GET() {
  const started = performance.now();
  try {
    await systemDb().$queryRaw`select 1`;
    return Response.json(
      { status: "ok", database: "up", latencyMs: Math.round(performance.now() - started) },
      { headers: { "cache-control": "no-store" } },
    );
  } catch {
    return Response.json({ status: "error", database: "down" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
