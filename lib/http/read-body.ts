// Reads a request body as text, up to a limit: a webhook's body is read through here, never with request.text().
export class BodyTooLarge extends Error {}

export async function readBodyText(request: Request, maxBytes = 1024 * 1024): Promise<string> {
  const announced = Number(request.headers.get("content-length") ?? "0");
  if (announced > maxBytes) throw new BodyTooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
