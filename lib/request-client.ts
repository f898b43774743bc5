// The caller's IP and user agent inside server actions, pages and route handlers.
import { headers } from "next/headers";
import { clientAddressFromChain } from "@/lib/client-ip";
import { env } from "@/lib/env";

export type RequestClient = { ip: string | null; userAgent: string | null };

export async function requestClient(): Promise<RequestClient> {
  return requestClientOf(await headers());
}

/** The same from a route handler's request headers. */
export function requestClientOf(h: Headers): RequestClient {
  const ip = clientAddressFromChain(h.get("x-forwarded-for"), env.TRUSTED_PROXY_HOPS);
  return { ip, userAgent: h.get("user-agent")?.slice(0, 500) ?? null };
}
