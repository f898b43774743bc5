// Keyed hashing of short-lived secrets (codes, link tokens, NIPs): an HMAC is both the stored value and the lookup key.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

export function hashSecret(value: string, purpose: string): string {
  return createHmac("sha256", env.NEXTAUTH_SECRET).update(`${purpose}:${value}`).digest("base64url");
}

export function secretMatches(value: string, purpose: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(value, purpose));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An unguessable URL-safe token (256 bits). */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}
