import { describe, expect, it } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { decodeSessionToken, encodeSessionToken } from "@/lib/auth/session-token";

const secret = "a-test-secret-of-enough-length-0123456789";
const token = { uid: "0b6c1f0e-2a9c-4c55-9d51-3f1f1c2b7d11", subject: "parent" as const, sid: "9a1e", email: "p@exemple.ca" };

describe("session token", () => {
  it("reads what next-auth writes, and next-auth reads what it writes", async () => {
    const theirs = await encode({ token, secret, maxAge: 3600 });
    expect(decodeSessionToken({ token: theirs, secret })).toMatchObject(token);
    const ours = encodeSessionToken({ token, secret, maxAge: 3600 });
    expect(await decode({ token: ours, secret })).toMatchObject(token);
    const claims = decodeSessionToken({ token: ours, secret })!;
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
  });

  it("refuses a token encrypted with another secret, altered, truncated or expired", async () => {
    const ours = encodeSessionToken({ token, secret, maxAge: 3600 });
    expect(decodeSessionToken({ token: ours, secret: `${secret}x` })).toBeNull();
    const parts = ours.split(".");
    const flipped = parts[3]!.startsWith("A") ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    expect(decodeSessionToken({ token: [parts[0], parts[1], parts[2], flipped, parts[4]].join("."), secret })).toBeNull();
    expect(decodeSessionToken({ token: parts.slice(0, 4).join("."), secret })).toBeNull();
    expect(decodeSessionToken({ token: "", secret })).toBeNull();
    expect(decodeSessionToken({ token: "....", secret })).toBeNull();
    const expired = encodeSessionToken({ token, secret, maxAge: -60 });
    expect(decodeSessionToken({ token: expired, secret })).toBeNull();
    await expect(decode({ token: expired, secret })).rejects.toThrow();
  });
});
