// A local stand-in for Resend's HTTP API (POST /emails), so tests drive the real SDK end to end.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type MockReply = { status: number; body: unknown; delayMs?: number };
export type ReceivedEmail = { headers: IncomingHttpHeaders; body: { to: string[]; subject: string; text: string; html: string } };

export async function startResendMock() {
  const received: ReceivedEmail[] = [];
  let nextId = 0;
  const state = {
    reply: (): MockReply => ({ status: 200, body: { id: `re_msg_${++nextId}` } }),
  };
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", async () => {
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
  return {
    url: `http://127.0.0.1:${port}`,
    received,
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
