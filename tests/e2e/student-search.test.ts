// A secretary finds a student by a name typed without accents or hyphens, filters and sorts through links that
// keep the search in the URL, and opens the student's page.
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_STAFF, DEMO_STUDENT } from "@/db/seed-data/fixtures";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { openStaffMenu, openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

describe("student search", () => {
  it("finds Côté, Léa-Rose from 'cote lea rose' and opens her page", async () => {
    const page = await newPage();
    screenshotOnFailure(page);
    await openStaffSession(page, DEMO_STAFF.secretary.email);

    await openStaffMenu(page, "Élèves");
    await page.getByRole("searchbox", { name: "Rechercher un élève" }).fill("cote lea rose");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL((url) => url.searchParams.get("q") === "cote lea rose");
    const link = page.getByRole("link", { name: `${DEMO_STUDENT.lastName}, ${DEMO_STUDENT.firstName}` });
    await link.waitFor({ state: "visible" });

    // The filters and the order travel in the URL, so the list can be shared.
    await page.getByLabel("Niveau").selectOption(DEMO_STUDENT.grade);
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL((url) => url.searchParams.get("niveau") === DEMO_STUDENT.grade);
    await page.getByRole("link", { name: "Naissance" }).click();
    await page.waitForURL((url) => url.searchParams.get("tri") === "naissance");
    expect(new URL(page.url()).searchParams.get("q")).toBe("cote lea rose");
    await page.getByRole("columnheader", { name: "Naissance" }).and(page.locator('[aria-sort="ascending"]')).waitFor({ state: "visible" });

    await page.getByRole("link", { name: `${DEMO_STUDENT.lastName}, ${DEMO_STUDENT.firstName}` }).click();
    await page.waitForURL(/\/admin\/eleves\/\d+$/);
    await page.getByText(DEMO_STUDENT.fiche, { exact: true }).first().waitFor({ state: "visible" });
  });

  it("lets an admin pick a school by typing part of its name, without the province's list in the page", async () => {
    const page = await newPage();
    screenshotOnFailure(page);
    await openStaffSession(page, DEMO_STAFF.admin.email);

    await page.goto("/admin/eleves");
    expect(await page.locator('select[name="ecole"]').count()).toBe(0);
    expect(await page.locator("option").count()).toBeLessThan(30); // grades and account filter only
    await page.getByRole("searchbox", { name: "Rechercher un élève" }).fill("cote lea rose");
    await page.getByRole("combobox", { name: "École" }).fill("cedres premieres");
    await page.getByRole("option", { name: /^École des Cèdres/ }).first().click();
    await page.getByRole("button", { name: "Rechercher" }).click();
    await page.waitForURL((url) => /^\d+$/.test(url.searchParams.get("ecole") ?? ""));
    await page.getByRole("link", { name: `${DEMO_STUDENT.lastName}, ${DEMO_STUDENT.firstName}` }).waitFor({ state: "visible" });
    // The page names the school chosen; the others are only asked for when typed.
    await expect(page.getByRole("combobox", { name: "École" }).inputValue()).resolves.toMatch(/^École des Cèdres/);
    // The search was a client navigation, which keeps the form: clearing it empties the box and the school too.
    await page.getByRole("link", { name: "Effacer la recherche et les filtres" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/eleves" && url.search === "");
    await expect.poll(() => page.getByRole("combobox", { name: "École" }).inputValue()).toBe("");
    expect(await page.getByRole("searchbox", { name: "Rechercher un élève" }).inputValue()).toBe("");
    expect(await page.locator('input[type="hidden"][name="ecole"]').inputValue()).toBe("");
  });

  it("answers a hostile query with a message, not an error page", async () => {
    const page = await newPage();
    screenshotOnFailure(page);
    await openStaffSession(page, DEMO_STAFF.secretary.email);
    const response = await page.goto(`/admin/eleves?q=${encodeURIComponent("%_'; drop table students; --\u0000")}&page=-3&tri=x`);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { name: "Élèves" }).waitFor({ state: "visible" });
  });
});
