// A CSV download: attachment with a safe ASCII file name, never cached or sniffed.
export function csvResponse(filename: string, body: ReadableStream<Uint8Array> | string): Response {
  const safeName = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${safeName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}

/** Today's date in UTC as YYYY-MM-DD, for file names. */
export function fileDate(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
