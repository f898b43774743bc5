// The Content-Security-Policy of every page, with a nonce per request (set by proxy.ts; Next.js puts the nonce on
// its own scripts). Scripts run only with the nonce or when loaded by such a script (no inline handlers, no eval);
// styles come from the app or inline; nothing may frame the app.
// The headers that do not change per request are in next.config.mjs; HSTS is sent by server.mjs.

export type CspOptions = { nonce: string; dev: boolean; https: boolean };

export function contentSecurityPolicy({ nonce, dev, https }: CspOptions): string {
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    // 'unsafe-eval' only under `next dev` (React's dev tools need it); never in production.
    ["script-src", "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Inline styles stay allowed: components insert style elements and attributes at run time (charts, dialogs),
    // and a style cannot run code; scripts are what the nonce guards.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'", "data:"],
    ["connect-src", "'self'", ...(dev ? ["ws:", "wss:"] : [])],
    ["frame-src", "'self'"],
    ["frame-ancestors", "'none'"],
    ["form-action", "'self'"],
    ["base-uri", "'none'"],
    ["object-src", "'none'"],
    ["manifest-src", "'self'"],
    ["worker-src", "'self'", "blob:"],
  ];
  if (https) directives.push(["upgrade-insecure-requests"]);
  return directives.map((d) => d.join(" ")).join("; ");
}

/** 128 random bits, base64: a fresh one for every response. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
