// Runs before every page (not server actions, which check the session themselves): the Content-Security-Policy with a fresh nonce (lib/http/security-headers.ts), a refusal
// when APP_URL is left at localhost while the app is served under another host, and an early redirect of
// signed-out visitors (every protected page and action checks the session again).
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { env } from "@/lib/env";
import { contentSecurityPolicy, newNonce } from "@/lib/http/security-headers";
import { servesAnotherHostThanAppUrl } from "@/lib/production-settings";

const parentAreas = ["/enfants", "/associer", "/aide/demande", "/compte"];
const dev = env.NODE_ENV === "development";
const https = env.APP_URL.startsWith("https://");

async function signInRedirect(request: NextRequest): Promise<NextResponse | null> {
  const { pathname } = request.nextUrl;
  const staffArea = pathname.startsWith("/admin") && !pathname.startsWith("/admin/connexion");
  const parentArea = parentAreas.some((p) => pathname.startsWith(p));
  if (!staffArea && !parentArea) return null;
  const token = await getToken({ req: request, secret: env.NEXTAUTH_SECRET, decode: async (params) => decodeSessionToken(params) });
  if (staffArea && token?.subject !== "staff") return NextResponse.redirect(new URL("/admin/connexion", request.url));
  if (parentArea && token?.subject !== "parent") return NextResponse.redirect(new URL("/connexion", request.url));
  return null;
}

export default async function proxy(request: NextRequest) {
  if (env.NODE_ENV === "production" && servesAnotherHostThanAppUrl(env.APP_URL, request.headers.get("host"))) {
    // Sign-out and email links would send this visitor to their own machine.
    return new NextResponse("APP_URL is set to a local address while the portal is served under another host.", {
      status: 421,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const redirect = await signInRedirect(request);
  if (redirect) return redirect;

  const csp = contentSecurityPolicy({ nonce: newNonce(), dev, https });
  const requestHeaders = new Headers(request.headers);
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  // Every page; not /api (route handlers limit their own bodies, which Next would otherwise buffer for the proxy),
  // nor the build's static files, nor server actions: an action's answer is data, not a page to protect with a
  // policy, and every action checks the session itself (running the proxy cost each action a second request
  // object, a cookie decode and a copy of every header).
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|icon.svg|favicon.ico).*)",
      missing: [{ type: "header", key: "next-action" }],
    },
  ],
};
