// The caller's IP and user agent inside server actions and pages.
import { headers } from "next/headers";

export async function requestClient(): Promise<{ ip: string | null; userAgent: string | null }> {
  const h = await headers();
  const ip = h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || null;
  return { ip, userAgent: h.get("user-agent")?.slice(0, 500) ?? null };
}
