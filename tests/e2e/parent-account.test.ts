// A parent creates an account with the emailed code, signs in and out, resets a forgotten password; sign-in
// failures reveal nothing; the sign-up page fits a phone and switches to English.
import { afterAll, describe, expect, it } from "vitest";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import {
  choosePassword,
  parentPassword,
  requestAndEnterCode,
  signIn,
  submitSignIn,
  uniqueEmail,
} from "@/tests/e2e/helpers/parent";

afterAll(closeBrowser);

const newPassword = "Cinq-Bleuets-Sauvages-2027";

describe("parent account", () => {
  it("signs up with the emailed code, signs in and out, and resets a forgotten password", async () => {
    const page = await newPage();
    screenshotOnFailure(page);
    const email = uniqueEmail("compte");

    await page.goto("/inscription");
    await page.getByRole("heading", { name: "Créer un compte" }).waitFor({ state: "visible" });
    const signupCode = await requestAndEnterCode(page, email);

    // The checklist follows the typing before anything is submitted; a rule met reads "✓" to a screen reader.
    const rule = (text: string) => page.getByRole("main").getByRole("listitem").filter({ hasText: text }).last();
    await rule("au moins 12 caractères").waitFor({ state: "visible" });
    expect(await page.getByRole("main").getByRole("listitem").filter({ hasText: "✓" }).count()).toBe(0);
    // The default rule asks for no mix of kinds of character (a board's rule may: password-policy.test.ts).
    expect(await rule("une lettre minuscule").count()).toBe(0);
    await page.getByLabel("Mot de passe", { exact: true }).fill("abcdefghijk");
    expect(await rule("au moins 12 caractères").textContent()).not.toContain("✓");
    await page.getByLabel("Mot de passe", { exact: true }).fill("abcdefghijkl");
    await expect.poll(() => rule("au moins 12 caractères").textContent()).toContain("✓");
    await choosePassword(page, parentPassword);
    await page.waitForURL((url) => url.pathname === "/connexion" && url.searchParams.get("compte") === "cree");
    await page.getByText("Votre compte est créé. Connectez-vous.").waitFor({ state: "visible" });

    await submitSignIn(page, email, parentPassword);
    await page.waitForURL((url) => url.pathname === "/enfants");

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL((url) => url.pathname === "/connexion");
    await page.goto("/enfants");
    expect(new URL(page.url()).pathname).toBe("/connexion");

    await signIn(page, email, parentPassword);
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL((url) => url.pathname === "/connexion");

    await page.goto("/mot-de-passe-oublie");
    await page.getByRole("heading", { name: "Mot de passe oublié" }).waitFor({ state: "visible" });
    await requestAndEnterCode(page, email, { differentFrom: signupCode });
    await choosePassword(page, newPassword);
    await page.waitForURL((url) => url.pathname === "/connexion" && url.searchParams.get("motdepasse") === "change");

    await submitSignIn(page, email, parentPassword);
    const refused = page.getByRole("main").getByRole("alert");
    await refused.waitFor({ state: "visible" });
    expect(await refused.innerText()).toBe("Courriel ou mot de passe incorrect.");
    expect(new URL(page.url()).pathname).toBe("/connexion");

    await submitSignIn(page, email, newPassword);
    await page.waitForURL((url) => url.pathname === "/enfants");
    await page.context().close();
  }, 150_000);

  it("answers a wrong password and an unknown email with the same message", async () => {
    const page = await newPage();
    screenshotOnFailure(page);
    const email = uniqueEmail("meme-message");
    await page.goto("/inscription");
    await requestAndEnterCode(page, email);
    await choosePassword(page, parentPassword);
    await page.waitForURL((url) => url.pathname === "/connexion");

    const alert = page.getByRole("main").getByRole("alert");
    await submitSignIn(page, email, "Pas-Le-Bon-Mot-2026");
    await alert.waitFor({ state: "visible" });
    const wrongPassword = await alert.innerText();

    await page.goto("/connexion");
    await submitSignIn(page, uniqueEmail("inconnu"), "Pas-Le-Bon-Mot-2026");
    await alert.waitFor({ state: "visible" });
    const unknownEmail = await alert.innerText();

    expect(wrongPassword).toBe("Courriel ou mot de passe incorrect.");
    expect(unknownEmail).toBe(wrongPassword);
    await page.context().close();
  });

  it("fits the sign-up page in a 360 px phone screen without sideways scrolling", async () => {
    const page = await newPage(undefined, { phone: true });
    screenshotOnFailure(page);
    await page.goto("/inscription");
    await page.getByRole("heading", { name: "Créer un compte" }).waitFor({ state: "visible" });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it("shows the sign-up page in English after pressing English", async () => {
    const page = await newPage();
    screenshotOnFailure(page);
    await page.goto("/inscription");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Create an account" }).waitFor({ state: "visible" });
    await page.getByRole("button", { name: "Get a verification code" }).waitFor({ state: "visible" });
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.context().close();
  });
});
