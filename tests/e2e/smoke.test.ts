// The production server answers, in French by default, and a real browser can load its pages.
import { afterAll, describe, expect, it } from "vitest";
import { closeBrowser, e2eBaseURL, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";

afterAll(closeBrowser);

describe("production server", () => {
  it("serves the sign-in page in French", async () => {
    const response = await fetch(`${e2eBaseURL()}/connexion`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/<html[^>]*\slang="fr"/);
  });

  it("leads a phone browser from the root page to the sign-in page", async () => {
    const page = await newPage(e2eBaseURL(), { phone: true });
    screenshotOnFailure(page);
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/connexion");
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await page.context().close();
  });
});
