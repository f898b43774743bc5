// Cross-site request forgery guard of route handlers that act for a signed-in user (server actions get the same
// check from Next.js): the browser's Origin must name this server, as the Host (or the first X-Forwarded-Host,
// behind a proxy) or APP_URL names it. A request without Origin is refused: every browser sends one with a POST.

export function isSameOrigin(headers: Headers, appUrl: string): boolean {
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwardedHost = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  if (forwardedHost) return originHost === forwardedHost || originHost === new URL(appUrl).host;
  return originHost === headers.get("host") || originHost === new URL(appUrl).host;
}
