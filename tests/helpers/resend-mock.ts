// A local stand-in for Resend's HTTP API (POST /emails, and the receiving API: GET /emails/receiving/:id, its
// attachments and their downloads), so tests drive the real SDK end to end.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type MockReply = { status: number; body: unknown; delayMs?: number };
export type ReceivedEmail = { headers: IncomingHttpHeaders; body: { to: string[]; subject: string; text: string; html: string } };

/** An email "received" at the support address, as the receiving API serves it. */
export type InboundMockEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string | null;
  html: string | null;
  messageId: string;
  headers?: Record<string, string>;
  attachments?: { id: string; filename: string; contentType: string; bytes: Uint8Array }[];
};

export async function startResendMock() {
  const received: ReceivedEmail[] = [];
  let nextId = 0;
  const state = {
    reply: (): MockReply => ({ status: 200, body: { id: `re_msg_${++nextId}` } }),
  };
  const inbound = new Map<string, InboundMockEmail>();
  /** Receiving API requests, in order (to check a duplicate webhook reads nothing again). */
  const receivingRequests: string[] = [];
  let baseUrl = "";
  const json = (res: import("node:http").ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  const notFound = (res: import("node:http").ServerResponse) => json(res, 404, { statusCode: 404, name: "not_found", message: "no route" });

  function serveReceiving(url: string, res: import("node:http").ServerResponse): boolean {
    const path = url.split("?")[0]!;
    let match = /^\/emails\/receiving\/([^/]+)$/.exec(path);
    if (match) {
      receivingRequests.push(path);
      const email = inbound.get(decodeURIComponent(match[1]!));
      if (!email) return notFound(res), true;
      json(res, 200, {
        object: "email",
        id: email.id,
        to: email.to,
        from: email.from,
        created_at: new Date().toISOString(),
        subject: email.subject,
        bcc: null,
        cc: null,
        reply_to: null,
        received_for: email.to,
        html: email.html,
        text: email.text,
        headers: email.headers ?? {},
        message_id: email.messageId,
        attachments: (email.attachments ?? []).map((a) => ({
          id: a.id,
          filename: a.filename,
          size: a.bytes.byteLength,
          content_type: a.contentType,
          content_id: null,
          content_disposition: "attachment",
        })),
      });
      return true;
    }
    match = /^\/emails\/receiving\/([^/]+)\/attachments$/.exec(path);
    if (match) {
      receivingRequests.push(path);
      const email = inbound.get(decodeURIComponent(match[1]!));
      if (!email) return notFound(res), true;
      json(res, 200, {
        object: "list",
        has_more: false,
        data: (email.attachments ?? []).map((a) => ({
          id: a.id,
          filename: a.filename,
          size: a.bytes.byteLength,
          content_type: a.contentType,
          content_disposition: "attachment",
          download_url: `${baseUrl}/downloads/${encodeURIComponent(email.id)}/${encodeURIComponent(a.id)}`,
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
        })),
      });
      return true;
    }
    match = /^\/downloads\/([^/]+)\/([^/]+)$/.exec(path);
    if (match) {
      const attachment = inbound.get(decodeURIComponent(match[1]!))?.attachments?.find((a) => a.id === decodeURIComponent(match![2]!));
      if (!attachment) return notFound(res), true;
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from(attachment.bytes));
      return true;
    }
    return false;
  }
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
      if (req.method === "GET" && serveReceiving(req.url ?? "", res)) return;
      if (req.method !== "POST" || req.url !== "/emails") {
        res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ statusCode: 404, name: "not_found", message: "no route" }));
        return;
      }
      received.push({ headers: req.headers, body: JSON.parse(raw) });
      const reply = state.reply();
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;
  return {
    url: baseUrl,
    received,
    receivingRequests,
    /** Makes an email available through the receiving API (what Resend stores when the support address gets mail). */
    receive(email: InboundMockEmail) {
      inbound.set(email.id, email);
    },
    /** Replaces how the next requests are answered. */
    replyWith(reply: () => MockReply) {
      state.reply = reply;
    },
    succeed(delayMs = 0) {
      state.reply = () => ({ status: 200, body: { id: `re_msg_${++nextId}` }, delayMs });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ResendMock = Awaited<ReturnType<typeof startResendMock>>;
