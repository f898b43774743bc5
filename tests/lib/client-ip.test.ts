import { describe, expect, it } from "vitest";
import { clientAddressFromChain, normalizeAddress } from "@/lib/client-ip";
import { clientOf } from "@/lib/auth/options";

describe("client address behind proxies", () => {
  it("uses the socket's peer (the chain's last entry) when no proxy is trusted, whatever the client claims", () => {
    expect(clientAddressFromChain("6.6.6.6, 203.0.113.20", 0)).toBe("203.0.113.20");
    expect(clientAddressFromChain("203.0.113.20", 0)).toBe("203.0.113.20");
  });

  it("takes the N-th entry left of the peer with N trusted proxies", () => {
    // client forged 6.6.6.6; the real client 198.51.100.4 reached nginx (10.0.0.2), which reached the app.
    expect(clientAddressFromChain("6.6.6.6, 198.51.100.4, 10.0.0.2", 1)).toBe("198.51.100.4");
    expect(clientAddressFromChain("6.6.6.6, 198.51.100.4, 10.0.0.3, 10.0.0.2", 2)).toBe("198.51.100.4");
    // Fewer entries than trusted hops: the leftmost one.
    expect(clientAddressFromChain("10.0.0.2", 3)).toBe("10.0.0.2");
  });

  it("normalises what the socket and proxies write", () => {
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("198.51.100.4:51234")).toBe("198.51.100.4");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("unknown")).toBeNull();
    expect(clientAddressFromChain("", 0)).toBeNull();
    expect(clientAddressFromChain(null, 0)).toBeNull();
  });

  it("gives next-auth's sign-in the same address", () => {
    const req = { headers: { "x-forwarded-for": "6.6.6.6, 127.0.0.1", "x-real-ip": "7.7.7.7", "user-agent": "ua" } };
    expect(clientOf(req, 0)).toEqual({ ip: "127.0.0.1", userAgent: "ua" });
    expect(clientOf({ headers: new Headers({ "x-forwarded-for": "6.6.6.6, 198.51.100.4, 10.0.0.2" }) }, 1).ip).toBe("198.51.100.4");
  });
});
