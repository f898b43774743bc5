// The reply-to address of emails about a ticket: support+<number>-<mac>@domain. The MAC (keyed with the
// server secret) makes a ticket's address unguessable from its reference, and nothing needs storing.
import { createHmac, timingSafeEqual } from "node:crypto";

const MAC_LENGTH = 16;

function macOf(number: number, secret: string): string {
  return createHmac("sha256", secret).update(`support-reply:${number}`).digest("hex").slice(0, MAC_LENGTH);
}

export function replyAddressFor(number: number, supportAddress: string, secret: string): string {
  const at = supportAddress.lastIndexOf("@");
  const local = supportAddress.slice(0, at);
  const domain = supportAddress.slice(at + 1);
  return `${local}+${number}-${macOf(number, secret)}@${domain}`;
}

/** The ticket number named by one of the addresses a message was sent to, if its MAC is right. */
export function ticketNumberFromAddresses(addresses: readonly string[], secret: string): number | null {
  for (const raw of addresses) {
    const address = /<([^>]+)>/.exec(raw)?.[1] ?? raw;
    const match = /\+(\d{1,9})-([0-9a-f]{16})@/i.exec(address.trim());
    if (!match) continue;
    const number = Number(match[1]);
    const expected = Buffer.from(macOf(number, secret));
    const given = Buffer.from(match[2]!.toLowerCase());
    if (expected.length === given.length && timingSafeEqual(expected, given)) return number;
  }
  return null;
}

/** Message-IDs named by In-Reply-To and References headers, most recent first. */
export function referencedMessageIds(headers: Record<string, string> | null | undefined): string[] {
  if (!headers) return [];
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
  const ids = [lower.get("in-reply-to") ?? "", ...(lower.get("references") ?? "").split(/\s+/).reverse()]
    .flatMap((value) => value.match(/<[^<>\s]+>/g) ?? [])
    .map((id) => id.slice(0, 300));
  return [...new Set(ids)];
}
