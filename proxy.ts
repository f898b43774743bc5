// Early redirect of signed-out visitors; every protected page and action checks the session again.
import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { decodeSessionToken } from "@/lib/auth/session-token";
import { env } from "@/lib/env";

const parentAreas = ["/enfants", "/associer", "/aide/demande", "/compte"];

export default async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const token = await getToken({ req: request, secret: env.NEXTAUTH_SECRET, decode: async (params) => decodeSessionToken(params) });
  if (pathname.startsWith("/admin") && !pathname.startsWith("/admin/connexion") && token?.subject !== "staff") {
    return NextResponse.redirect(new URL("/admin/connexion", request.url));
  }
  if (parentAreas.some((p) => pathname.startsWith(p)) && token?.subject !== "parent") {
    return NextResponse.redirect(new URL("/connexion", request.url));
  }
  return NextResponse.next();
}

export const config = { matcher: ["/admin/:path*", "/enfants/:path*", "/associer/:path*", "/aide/demande/:path*", "/compte/:path*"] };
