// The session cookie's JWT, in next-auth v4's format (JWE compact, "dir" + A256GCM, key = HKDF-SHA256 of the secret
// with next-auth's info string), encoded and decoded with a key derived once per secret. next-auth derives the key
// again on every encode and decode (about 1 ms of CPU each here), and a request to a protected page decoded the
// cookie three times (proxy, session read, sliding re-encode). Plugged into next-auth through `jwt` in
// lib/auth/options.ts, used by proxy.ts and lib/auth/session.ts.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, randomUUID } from "node:crypto";
import type { JWT, JWTDecodeParams, JWTEncodeParams } from "next-auth/jwt";

const HEADER = Buffer.from(JSON.stringify({ alg: "dir", enc: "A256GCM" })).toString("base64url");
const CLOCK_TOLERANCE_SECONDS = 15; // as next-auth
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 3600; // as next-auth

const keys = new Map<string, Buffer>();

function keyFor(secret: string | Buffer, salt = ""): Buffer {
  const id = `${salt}\u0000${secret.toString()}`;
  let key = keys.get(id);
  if (!key) {
    const info = `NextAuth.js Generated Encryption Key${salt ? ` (${salt})` : ""}`;
    key = Buffer.from(hkdfSync("sha256", secret, salt, info, 32));
    keys.set(id, key);
  }
  return key;
}

export function encodeSessionToken({ token = {}, secret, maxAge = DEFAULT_MAX_AGE_SECONDS, salt }: JWTEncodeParams): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = Buffer.from(JSON.stringify({ ...token, iat: now, exp: now + maxAge, jti: randomUUID() }));
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret, salt), iv);
  cipher.setAAD(Buffer.from(HEADER, "ascii"));
  const ciphertext = Buffer.concat([cipher.update(payload), cipher.final()]);
  return [HEADER, "", iv.toString("base64url"), ciphertext.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The token's claims, or null if it is malformed, forged, encrypted with another secret or expired. */
export function decodeSessionToken({ token, secret, salt }: JWTDecodeParams): JWT | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 5) return null;
  const [header, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  try {
    const { alg, enc } = JSON.parse(Buffer.from(header, "base64url").toString("utf8")) as { alg?: string; enc?: string };
    if (alg !== "dir" || enc !== "A256GCM" || encryptedKey !== "") return null;
    const authTag = Buffer.from(tag, "base64url");
    if (authTag.length !== 16) return null;
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret, salt), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(header, "ascii"));
    decipher.setAuthTag(authTag);
    const payload = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
    const claims = JSON.parse(payload.toString("utf8")) as JWT & { exp?: number; nbf?: number };
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp === "number" && claims.exp < now - CLOCK_TOLERANCE_SECONDS) return null;
    if (typeof claims.nbf === "number" && claims.nbf > now + CLOCK_TOLERANCE_SECONDS) return null;
    return claims;
  } catch {
    return null;
  }
}
