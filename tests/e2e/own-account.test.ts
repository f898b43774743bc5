// The parent's own account at /compte: the email change by code, the data export, and deleting the account,
// after which the address opens a new account.
import { afterAll, describe, expect, it } from "vitest";
import { closeBrowser, newPage, readLatestCode, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { parentPassword, signIn, signUp, uniqueEmail } from "@/tests/e2e/helpers/parent";

afterAll(closeBrowser);

describe("my account", () => {
  it("changes the sign-in email by code, exports the data and deletes the account", async () => {
    const page = await newPage();
    screenshotOnFailure(page);
    const email = uniqueEmail("compte");
    await signUp(page, email);
    await signIn(page, email);

    await page.getByRole("link", { name: "Mon compte" }).click();
    await page.waitForURL((url) => url.pathname === "/compte");
    await page.getByText("Les enfants sont associés par l’adresse courriel inscrite à leur dossier scolaire").waitFor({ state: "visible" });
    expect(await page.getByTestId("session").count()).toBe(1);

    // Email change: the wrong password is refused, then a code goes to the new address.
    const next = uniqueEmail("nouvelle");
    await page.getByLabel("Nouvelle adresse courriel").fill(next);
    await page.getByLabel("Mot de passe actuel").first().fill("Pas-Le-Bon-Mot-2026");
    await page.getByRole("button", { name: "Envoyer un code à la nouvelle adresse" }).click();
    await page.getByText("Mot de passe incorrect.").waitFor({ state: "visible" });
    await page.getByLabel("Mot de passe actuel").first().fill(parentPassword);
    await page.getByRole("button", { name: "Envoyer un code à la nouvelle adresse" }).click();
    const code = await readLatestCode(page, next);
    await page.getByLabel("Code reçu à la nouvelle adresse").fill(code);
    await page.getByRole("button", { name: "Changer l’adresse" }).click();
    await page.getByText(`Votre adresse courriel est maintenant ${next}.`).waitFor({ state: "visible" });

    // The export names the account by its new address.
    const json = await page.request.get("/compte/export?format=json");
    expect(json.status()).toBe(200);
    expect((await json.json()).account.email).toBe(next);
    const csv = await page.request.get("/compte/export?format=csv");
    expect(await csv.text()).toContain(`account,,email,${next}`);

    // Deletion: the typed word is required; afterwards the session is over and the address is free.
    await page.getByLabel("Mot de passe actuel").last().fill(parentPassword);
    await page.getByLabel("Pour confirmer, écrivez SUPPRIMER").fill("oui");
    await page.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
    await page.getByText("Écrivez SUPPRIMER pour confirmer.").waitFor({ state: "visible" });
    await page.getByLabel("Pour confirmer, écrivez SUPPRIMER").fill("supprimer");
    await page.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
    await page.waitForURL((url) => url.pathname === "/connexion");
    await page.goto("/compte");
    await page.waitForURL((url) => url.pathname === "/connexion");

    const fresh = await newPage();
    screenshotOnFailure(fresh);
    await signUp(fresh, next);
    await signIn(fresh, next);
    await Promise.all([page.context().close(), fresh.context().close()]);
  }, 180_000);
});
