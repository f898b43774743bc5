// Parent steps shared by browser tests: sign up through the dev mailbox, sign in, sign out.
import type { Page } from "playwright-core";
import { readLatestCode } from "@/tests/e2e/helpers/browser";

/** Passes the policy (length, four classes) and the strength estimate. */
export const parentPassword = "Trois-Pommes-Vertes-2026";

/** An address no other test uses, so each test starts from an account of its own. */
export function uniqueEmail(label: string): string {
  return `${label}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@exemple.ca`;
}

/** Email step then code step of /inscription or /mot-de-passe-oublie; returns the code it typed. */
export async function requestAndEnterCode(page: Page, email: string, options: { differentFrom?: string } = {}): Promise<string> {
  const codeField = page.getByLabel("Code de vérification");
  // One code a minute per address and purpose: a second sign-up code for the same address waits out the cooldown.
  const cooldown = page.getByRole("main").getByRole("alert").filter({ hasText: /dans (\d+) s/ });
  for (;;) {
    await page.getByLabel("Adresse courriel").fill(email);
    await page.getByRole("button", { name: "Obtenir un code de vérification" }).click();
    await codeField.or(cooldown).waitFor({ state: "visible" });
    if (await codeField.isVisible()) break;
    const seconds = Number(/dans (\d+) s/.exec(await cooldown.innerText())?.[1] ?? 5);
    await page.waitForTimeout((seconds + 1) * 1000);
    // A fresh page, so the old alert cannot be mistaken for the next answer.
    await page.reload();
  }
  const code = await readLatestCode(page, email, options);
  // Spaces around and inside, as a parent pasting "123 456" from the email would type it.
  await codeField.fill(`  ${code.slice(0, 3)} ${code.slice(3)}  `);
  await page.getByRole("button", { name: "Vérifier le code" }).click();
  await page.getByRole("heading", { name: "Choisissez votre mot de passe" }).waitFor({ state: "visible" });
  return code;
}

/** Password step: fills both fields and saves. */
export async function choosePassword(page: Page, password: string) {
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByLabel("Confirmer le mot de passe").fill(password);
  await page.getByRole("button", { name: "Enregistrer" }).click();
}

/** A whole sign-up; ends on /connexion?compte=cree. */
export async function signUp(page: Page, email: string, password = parentPassword) {
  await page.goto("/inscription");
  await requestAndEnterCode(page, email);
  await choosePassword(page, password);
  await page.waitForURL((url) => url.pathname === "/connexion" && url.searchParams.get("compte") === "cree");
}

/** Fills the sign-in form of the page already open (/connexion) and submits it. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Adresse courriel").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("main").getByRole("button", { name: "Se connecter" }).click();
}

/** Signs in from /connexion and waits for "My children". */
export async function signIn(page: Page, email: string, password = parentPassword) {
  await page.goto("/connexion");
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => url.pathname === "/enfants");
}
