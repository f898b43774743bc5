// A password reset for an address without an account walks the same steps as one for an account: the code
// step, which survives a reload, then the same cooldown when the address is asked for again.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PARENT } from "@/db/seed-data/fixtures";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { uniqueEmail } from "@/tests/e2e/helpers/parent";

afterAll(closeBrowser);

/** What the parent reads in the page's main area, with the address typed replaced by a placeholder. */
async function mainText(page: Page, email: string): Promise<string> {
  const text = await page.getByRole("main").innerText();
  return text
    .replaceAll(email, "<adresse>")
    .replace(/\d{1,2}:\d{2}/g, "<heure>")
    .replace(/\d+ s\b/g, "<n> s")
    .replace(/\d+ min \d+ s|\d+ min|\d+:\d{2}/g, "<durée>");
}

/** From the sign-in page, "Mot de passe oublié?", then asks a code for `email`; returns the code step's text. */
async function askResetCode(page: Page, email: string): Promise<string> {
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié?" }).click();
  await page.getByRole("heading", { name: "Mot de passe oublié" }).waitFor({ state: "visible" });
  await page.getByLabel("Adresse courriel").fill(email);
  await page.getByRole("button", { name: "Obtenir un code de vérification" }).click();
  await page.getByLabel("Code de vérification").waitFor({ state: "visible" });
  await page.getByText(`nous venons d'envoyer un code à 6 chiffres à ${email}`).waitFor({ state: "visible" });
  return mainText(page, email);
}

/** Reloads (a closed and reopened tab), checks the code step is still there, then asks the same address again. */
async function reloadThenAskAgain(page: Page, email: string): Promise<{ afterReload: string; cooldown: string }> {
  await page.reload();
  await page.getByLabel("Code de vérification").waitFor({ state: "visible" });
  const afterReload = await mainText(page, email);
  await page.getByRole("button", { name: /^Nouveau code possible dans \d+ s$/ }).waitFor({ state: "visible" });
  expect(await page.getByRole("button", { name: /^Nouveau code possible dans/ }).isDisabled()).toBe(true);

  await page.getByRole("button", { name: "Utiliser une autre adresse" }).click();
  await page.getByLabel("Adresse courriel").fill(email);
  await page.getByRole("button", { name: "Obtenir un code de vérification" }).click();
  const refused = page.getByRole("main").getByRole("alert").filter({ hasText: /Vous pourrez en demander un autre dans \d+ s/ });
  await refused.waitFor({ state: "visible" });
  expect(await page.getByLabel("Code de vérification").count()).toBe(0);
  return { afterReload, cooldown: (await refused.innerText()).replace(/\d+ s/, "<n> s") };
}

describe("password reset without enumeration", () => {
  it("takes an unknown address to the code step, and then to the same cooldown as an account's address", async () => {
    const unknownPage = await newPage();
    screenshotOnFailure(unknownPage);
    const knownPage = await newPage();
    screenshotOnFailure(knownPage);
    const unknown = uniqueEmail("sans-compte");

    const unknownStep = await askResetCode(unknownPage, unknown);
    const knownStep = await askResetCode(knownPage, DEMO_PARENT.email);
    expect(unknownStep).toBe(knownStep);

    const unknownNext = await reloadThenAskAgain(unknownPage, unknown);
    const knownNext = await reloadThenAskAgain(knownPage, DEMO_PARENT.email);
    expect(unknownNext.afterReload).toBe(unknownStep);
    expect(unknownNext).toEqual(knownNext);

    await Promise.all([unknownPage.context().close(), knownPage.context().close()]);
  }, 90_000);
});
