// Security headers on a production build: a per-request nonce policy the pages run under, no framing, and the
// fixed headers on pages and API responses alike.
import { request } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { browser, closeBrowser, e2eBaseURL, reportCspViolations } from "@/tests/e2e/helpers/browser";

afterAll(closeBrowser);

const fixedHeaders = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

async function headersOf(path: string) {
  const response = await fetch(new URL(path, e2eBaseURL()), { redirect: "manual" });
  await response.arrayBuffer();
  return response.headers;
}

/** A context that records violations instead of failing the test on them. */
async function contextExpectingViolations() {
  const context = await (await browser()).newContext({ baseURL: e2eBaseURL(), locale: "fr-FR" });
  const violations = await reportCspViolations(context);
  return { context, violations };
}

describe("security headers", () => {
  it("sends a policy with a fresh nonce on every page, and the fixed headers everywhere", async () => {
    const first = await headersOf("/connexion");
    const second = await headersOf("/connexion");
    const csp = first.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp).not.toContain("unsafe-eval");
    const nonce = (h: Headers) => /'nonce-([^']+)'/.exec(h.get("content-security-policy") ?? "")?.[1];
    expect(nonce(second)).toBeDefined();
    expect(nonce(second)).not.toBe(nonce(first));
    for (const path of ["/connexion", "/admin/connexion", "/api/health"]) {
      const headers = await headersOf(path);
      for (const [name, value] of Object.entries(fixedHeaders)) expect(headers.get(name), `${name} on ${path}`).toBe(value);
      expect(headers.get("permissions-policy"), path).toContain("camera=()");
    }
  });

  it("puts the nonce on the scripts Next renders, so the page runs", async () => {
    const response = await fetch(new URL("/connexion", e2eBaseURL()));
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("refuses to be framed, even by a page of the same site", async () => {
    const { context } = await contextExpectingViolations();
    const page = await context.newPage();
    await page.goto("/connexion");
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const frame = document.createElement("iframe");
          frame.src = "/admin/connexion";
          frame.onload = () => resolve();
          document.body.append(frame);
          setTimeout(resolve, 5_000);
        }),
    );
    const framed = page.frames().find((f) => f !== page.mainFrame());
    expect(framed).toBeDefined();
    expect(await framed!.locator("input[type=password]").count()).toBe(0);
    await context.close();
  });

  it("blocks script injected into a page: an inline event handler does not run", async () => {
    const { context, violations } = await contextExpectingViolations();
    const page = await context.newPage();
    await page.goto("/connexion");
    const ran = await page.evaluate(async () => {
      const button = document.createElement("button");
      button.setAttribute("onclick", "window.__injected = true");
      document.body.append(button);
      button.click();
      await new Promise((resolve) => setTimeout(resolve, 200));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join("\n")).toContain("script-src");
    await context.close();
  });

  it("refuses to serve another host while APP_URL is left at a local address", async () => {
    const url = new URL("/connexion", e2eBaseURL());
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host: "portail.exemple.ca" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(421);
  });
});
