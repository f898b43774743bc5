// Request bodies are read only up to a size fixed per route, before anything parses them: a declared length
// over the limit is refused without reading, a chunked body is counted as it streams and dropped at the limit.
// The server (server.mjs) also refuses any declared length over SERVER_BODY_LIMIT outside the import upload.

export const bodyLimits = {
  /** Sign-in forms and next-auth's callbacks: an email, a password and a CSRF token. */
  signIn: 8 * 1024,
  /** The association form's attempts (a board, two names, a date and an identifier, or a NIP). */
  associationAttempt: 4 * 1024,
  /** Resend webhooks (a delivery event, or an inbound email's metadata). */
  webhook: 1024 * 1024,
} as const;

/** The body, or null when it exceeds maxBytes (reading stops there). */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => {});
    return null;
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export function payloadTooLarge(maxBytes: number): Response {
  return Response.json({ error: "payloadTooLarge", maxBytes }, { status: 413, headers: { connection: "close" } });
}

type Handler<R extends Request, C> = (request: R, context: C) => Promise<Response> | Response;

/**
 * Wraps a route handler so its body is read within maxBytes first (413 beyond), then handed on as a
 * request of the same class carrying the bytes read.
 */
export function withBodyLimit<R extends Request, C>(maxBytes: number, handler: Handler<R, C>): (request: R, context: C) => Promise<Response> {
  return async (request, context) => {
    if (request.method === "GET" || request.method === "HEAD") return handler(request, context);
    const body = await readBodyWithin(request, maxBytes);
    if (body === null) return payloadTooLarge(maxBytes);
    const RequestClass = request.constructor as new (input: string, init: RequestInit) => R;
    const copy = new RequestClass(request.url, { method: request.method, headers: request.headers, body: body as BodyInit });
    return handler(copy, context);
  };
}
