// Reads a request body up to a byte limit, refusing more as soon as the limit is passed (a
// declared Content-Length over the limit is refused before reading anything), so an oversized
// upload never sits in memory whole. Server actions stay at their 1 MB limit (next.config.mjs);
// only the import routes that call this accept larger files.

export type UploadResult = { ok: true; bytes: Uint8Array } | { ok: false; tooLarge: true };

export async function readUpload(request: Request, maxBytes: number): Promise<UploadResult> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, tooLarge: true };
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, tooLarge: true };
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return { ok: true, bytes };
}
