// The board's retention periods in the back office: the demo privacy officer finds them from the staff menu, is
// told when a value is out of bounds, changes a period and sees it saved (after a reload too); board support has no
// menu entry and is answered "introuvable".
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_STAFF } from "@/db/seed-data/fixtures";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { openStaffMenu, openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

describe("retention settings", () => {
  it("lets the privacy officer change a period of their board and see it saved", async () => {
    const officer = await newPage();
    screenshotOnFailure(officer);
    await openStaffSession(officer, DEMO_STAFF.privacyOfficer.email);
    await openStaffMenu(officer, "Conservation");
    await officer.getByRole("heading", { level: 1, name: "Conservation des renseignements" }).waitFor({ state: "visible" });
    expect(await officer.getByTestId("retention-board").count()).toBe(1);
    await officer.getByRole("heading", { name: "Dernières purges" }).waitFor({ state: "visible" });

    const attempts = officer.getByLabel("Tentatives d’association (mois)");
    expect(await attempts.inputValue()).toBe("12");
    expect(await officer.getByText("Actuellement 12 mois ; par défaut 12 mois.", { exact: false }).count()).toBe(1);

    // Out of bounds: the form says so, and nothing is sent.
    await attempts.fill("0");
    await officer.getByRole("button", { name: "Enregistrer les durées" }).click();
    await officer.getByText("Indiquez une durée entre 1 et 120 mois.").waitFor({ state: "visible" });
    expect(await attempts.getAttribute("aria-invalid")).toBe("true");

    await attempts.fill("18");
    await officer.getByRole("button", { name: "Enregistrer les durées" }).click();
    await officer.getByRole("status").filter({ hasText: "Durées de conservation enregistrées." }).waitFor({ state: "visible" });
    await officer.getByText(`par ${DEMO_STAFF.privacyOfficer.name}`, { exact: false }).waitFor({ state: "visible" });

    await officer.reload();
    expect(await officer.getByLabel("Tentatives d’association (mois)").inputValue()).toBe("18");
    expect(await officer.getByText("Actuellement 18 mois ; par défaut 12 mois.", { exact: false }).count()).toBe(1);

    // Back to the default, so other tests see the demo data as seeded.
    await officer.getByLabel("Tentatives d’association (mois)").fill("12");
    await officer.getByRole("button", { name: "Enregistrer les durées" }).click();
    await officer.getByRole("status").filter({ hasText: "Durées de conservation enregistrées." }).waitFor({ state: "visible" });
    await officer.context().close();
  }, 120_000);

  it("has no menu entry for board support, and answers 'introuvable'", async () => {
    const support = await newPage();
    screenshotOnFailure(support);
    await openStaffSession(support, DEMO_STAFF.boardSupport.email);
    expect(await support.getByRole("navigation", { name: "Navigation du personnel" }).getByRole("link", { name: "Conservation" }).count()).toBe(0);
    const response = await support.goto("/admin/conservation");
    expect(response?.status()).toBe(404);
    expect(await support.getByLabel("Tentatives d’association (mois)").count()).toBe(0);
    await support.context().close();
  }, 120_000);
});
