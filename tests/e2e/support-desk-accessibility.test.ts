// axe-core on the support desk's pages at 360×740 and 1280×800: the help form with a failed step, a parent's
// requests and one request, the staff queue, a ticket page and the saved replies.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PARENT, DEMO_STAFF } from "@/db/seed-data/fixtures";
import { axeViolations, type AxeViolationSummary } from "@/tests/e2e/helpers/axe";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { submitSignIn } from "@/tests/e2e/helpers/parent";
import { openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

const widths = ["phone", "desktop"] as const;

describe("accessibility (axe-core) of the support desk", () => {
  for (const width of widths) {
    it(`finds no violation on the support pages at ${width === "phone" ? "360 px" : "1280 px"}`, async () => {
      const found: Record<string, AxeViolationSummary[]> = {};
      const check = async (page: Page, state: string) => {
        await page.locator("main").first().waitFor({ state: "visible" });
        const violations = await axeViolations(page);
        if (violations.length > 0) found[state] = violations;
      };

      const parent = await newPage(undefined, { phone: width === "phone" });
      screenshotOnFailure(parent);
      await parent.goto("/connexion");
      await submitSignIn(parent, DEMO_PARENT.email, DEMO_PARENT.password);
      await parent.waitForURL((url) => url.pathname === "/enfants");
      await parent.goto(`/aide?etape=association_refused&quand=${encodeURIComponent(new Date().toISOString())}#noMatch`);
      await check(parent, "help with a failed step");
      await parent.getByLabel("Votre message").fill("Bonjour, je n'arrive pas à associer mon enfant.");
      await parent.getByRole("button", { name: "Envoyer", exact: true }).click();
      await parent.getByRole("status").filter({ hasText: "Votre demande est envoyée" }).waitFor({ state: "visible" });
      await parent.goto("/aide/demandes");
      await check(parent, "my requests");
      await parent.getByRole("link", { name: /^D-\d{6}/ }).first().click();
      await parent.getByRole("heading", { level: 1, name: /^Demande D-/ }).waitFor({ state: "visible" });
      await check(parent, "one request");
      await parent.context().close();

      const staff = await newPage(undefined, { phone: width === "phone" });
      screenshotOnFailure(staff);
      await openStaffSession(staff, DEMO_STAFF.admin.email);
      await staff.goto("/admin/demandes");
      await check(staff, "queue");
      await staff.locator('main a[href^="/admin/demandes/"]').filter({ hasText: /^D-/ }).first().click();
      await staff.getByRole("heading", { level: 1, name: /^Demande D-/ }).waitFor({ state: "visible" });
      await check(staff, "ticket page");
      await staff.goto("/admin/demandes/reponses");
      await check(staff, "saved replies");
      await staff.context().close();

      const report = Object.entries(found)
        .map(([state, violations]) => [`${state}:`, ...violations.map((v) => `  ${v.impact} ${v.rule}: ${v.help}\n      ${v.targets.join("\n      ")}`)].join("\n"))
        .join("\n");
      expect(Object.keys(found), `axe violations:\n${report}`).toEqual([]);
    });
  }
});
