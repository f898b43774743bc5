// The client's address, read in one place. The server (server.mjs) appends the socket's peer address to
// X-Forwarded-For, as every proxy does, so the chain's last entry is the address that connected to us and each
// entry before it is what the previous hop claims. With TRUSTED_PROXY_HOPS = N (reverse proxies we run in front
// of the app), the client is the N-th entry from the right before the peer; anything further left was written by
// the client and is never trusted.
import { isIP } from "node:net";

/** One chain entry as an address: "::ffff:1.2.3.4" → "1.2.3.4", ports and brackets dropped; null if not an IP. */
export function normalizeAddress(entry: string): string | null {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  if (value.toLowerCase().startsWith("::ffff:") && isIP(value.slice(7)) === 4) value = value.slice(7);
  return isIP(value) ? value.toLowerCase() : null;
}

/**
 * The client address from an X-Forwarded-For chain whose last entry is the socket's peer.
 * trustedHops = 0: the peer itself; N: the entry N places left of the peer (the leftmost one if the chain is
 * shorter, i.e. the request did not pass every proxy).
 */
export function clientAddressFromChain(forwardedFor: string | null | undefined, trustedHops: number): string | null {
  const chain = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (chain.length === 0) return null;
  const index = Math.max(0, chain.length - 1 - Math.max(0, Math.trunc(trustedHops)));
  return normalizeAddress(chain[index]!);
}

/** An address as shown to staff: enough to tell networks apart, not a household (203.0.113.x, 2001:db8:1:2::…). */
export function maskAddress(address: string): string {
  if (isIP(address) === 4) return address.replace(/\.\d+$/, ".x");
  if (isIP(address) === 6) {
    const groups = address.split(":").filter((g) => g !== "");
    return `${groups.slice(0, 4).join(":")}::…`;
  }
  return "…";
}
