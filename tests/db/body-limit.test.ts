import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { POST as emailEvents } from "@/app/api/email-events/route";
import { POST as nextAuthPost } from "@/app/api/auth/[...nextauth]/route";
import { bodyLimits, readBodyWithin } from "@/lib/http/body-limit";

const chunk = new Uint8Array(64 * 1024).fill(0x61);

/** A body of `total` bytes produced on demand, counting what the reader pulled. */
function endlessBody(total: number) {
  const stats = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stats.pulled >= total) return controller.close();
      stats.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, stats };
}

const MB = 1024 * 1024;

describe("request bodies are capped before they are read", () => {
  it("answers 413 to a 400 MB chunked webhook after reading about its 1 MB limit", async () => {
    const { stream, stats } = endlessBody(400 * MB);
    const request = new Request("http://localhost/api/email-events", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    const response = await emailEvents(request);
    expect(response.status).toBe(413);
    expect(stats.pulled).toBeLessThanOrEqual(bodyLimits.webhook + 2 * chunk.byteLength);
  });

  it("refuses a declared length over the sign-in limit without reading the body", async () => {
    const { stream, stats } = endlessBody(400 * MB);
    const request = new NextRequest("http://localhost/api/auth/callback/parent", {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(400 * MB) },
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]);
    const response = await nextAuthPost(request, { params: Promise.resolve({ nextauth: ["callback", "parent"] }) });
    expect(response.status).toBe(413);
    expect(stats.pulled).toBeLessThanOrEqual(2 * chunk.byteLength);
  });

  it("hands a body within the limit on, intact", async () => {
    const webhook = new Request("http://localhost/api/email-events", { method: "POST", body: JSON.stringify({ type: "email.sent" }) });
    // No signing secret in the tests: the endpoint then does not exist, which shows the body got through.
    expect((await emailEvents(webhook)).status).toBe(404);
    const bytes = await readBodyWithin(new Request("http://localhost/", { method: "POST", body: "é".repeat(1000) }), 2000);
    expect(new TextDecoder().decode(bytes!)).toBe("é".repeat(1000));
    expect(await readBodyWithin(new Request("http://localhost/", { method: "POST", body: "x".repeat(2001) }), 2000)).toBeNull();
  });
});
