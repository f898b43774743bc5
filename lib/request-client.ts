// The caller's IP and user agent inside server actions and pages.
import { headers } from "next/headers";
import { clientAddressFromChain } from "@/lib/client-ip";
import { env } from "@/lib/env";

export async function requestClient(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  const ip = clientAddressFromChain(h.get("x-forwarded-for"), env.TRUSTED_PROXY_HOPS);
  return { ip, userAgent: h.get("user-agent")?.slice(0, 500) ?? null };
}
