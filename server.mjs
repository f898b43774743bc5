// Production server (`npm start`): Next.js behind a thin Node HTTP layer that does what a reverse proxy would
// and `next start` cannot: it appends the socket's peer address to X-Forwarded-For (lib/client-ip.ts reads the
// client address from that chain with TRUSTED_PROXY_HOPS), refuses a declared body over the server limit before
// reading it (413: 2 MB, 17 MB for the help form's screenshots; the import upload streams and is exempt), and
// sends HSTS when the public address is https.
// Settings a production server must not run with make it exit before it listens (instrumentation.ts).
import { createServer } from "node:http";
import process from "node:process";

process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const MB = 1024 * 1024;
const SERVER_BODY_LIMIT = 2 * MB;
const streamedUpload = /^\/api\/import-runs\/[^/]+\/upload\/?$/;
// The help form's server action carries up to 3 screenshots of 5 MB (serverActions.bodySizeLimit: 16mb).
const helpForm = /^\/aide(\/|$)/;
const HELP_FORM_BODY_LIMIT = 17 * MB;

/** The most a request to this path may declare; Infinity for the streamed import upload. */
function bodyLimitOf(path) {
  if (streamedUpload.test(path)) return Infinity;
  if (helpForm.test(path)) return HELP_FORM_BODY_LIMIT;
  return SERVER_BODY_LIMIT;
}

function option(names, fallback) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    for (const name of names) {
      if (args[i] === name && args[i + 1] !== undefined) return args[i + 1];
      if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
    }
  }
  return fallback;
}

const port = Number(option(["--port", "-p"], process.env.PORT ?? "3000"));
const hostname = option(["--hostname", "-H"], undefined);
const hsts = (process.env.APP_URL ?? "").startsWith("https://");

const { default: next } = await import("next");
const app = next({ dev: false, dir: import.meta.dirname, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
try {
  await app.prepare();
} catch (error) {
  console.error("The server could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
}

function appendPeer(req) {
  const peer = req.socket.remoteAddress ?? "";
  const claimed = req.headers["x-forwarded-for"];
  const chain = Array.isArray(claimed) ? claimed.join(", ") : claimed;
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
  delete req.headers["x-real-ip"];
}

function refuseLargeBody(req, res) {
  const declared = Number(req.headers["content-length"] ?? NaN);
  const limit = bodyLimitOf((req.url ?? "/").split("?", 1)[0]);
  if (!Number.isFinite(declared) || declared <= limit) return false;
  res.writeHead(413, { "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify({ error: "payloadTooLarge", maxBytes: limit }));
  return true;
}

const server = createServer((req, res) => {
  appendPeer(req);
  if (hsts) res.setHeader("strict-transport-security", "max-age=31536000; includeSubDomains");
  if (refuseLargeBody(req, res)) return;
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});

server.listen(port, hostname, () => {
  console.log(`Ready on http://${hostname ?? "localhost"}:${port}`);
});

let closing = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
