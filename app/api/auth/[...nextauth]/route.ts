import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { bodyLimits, withBodyLimit } from "@/lib/http/body-limit";

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = NextAuth(authOptions) as (request: NextRequest, context: Context) => Promise<Response>;

export const GET = handler;
export const POST = withBodyLimit<NextRequest, Context>(bodyLimits.signIn, handler);
