// Staff administration in the browser: an admin invites a secretary, who accepts, enrols TOTP and signs in with a
// code; board support sees only their board's staff.
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_STAFF } from "@/db/seed-data/fixtures";
import { totpCodeAt } from "@/lib/staff/totp";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { uniqueEmail } from "@/tests/e2e/helpers/parent";
import { enterTotpCode, openStaffSession, signInStaff } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

const newPassword = "Trois-Hiboux-Bleus-2026";

/** The link of the newest email to `email` whose path starts with `prefix`, read from /dev/mailbox. */
async function readLatestLink(page: Page, email: string, prefix: string): Promise<string> {
  const mailbox = await page.context().newPage();
  try {
    for (let i = 0; i < 30; i++) {
      await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
      const text = (await mailbox.locator('article[data-testid="mail"]').first().textContent().catch(() => null)) ?? "";
      const match = new RegExp(`https?://[^\\s"<]+${prefix}[A-Za-z0-9_-]+`).exec(text);
      if (match) return new URL(match[0]).pathname;
      await mailbox.waitForTimeout(300);
    }
    throw new Error(`no ${prefix} link in /dev/mailbox for ${email}`);
  } finally {
    await mailbox.close();
  }
}

async function invite(page: Page, input: { email: string; name: string; role?: string; board: string; school?: string }) {
  await page.goto("/admin/personnel");
  const form = page.locator("form", { has: page.getByLabel("Courriel professionnel") });
  await form.getByLabel("Courriel professionnel").fill(input.email);
  await form.getByLabel("Nom complet").fill(input.name);
  if (input.role) await form.getByLabel("Rôle").selectOption({ label: input.role });
  await form.getByLabel("Organisme scolaire").selectOption({ label: input.board });
  if (input.school) await form.getByLabel(input.school).check();
  await form.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await page.getByText("Invitation envoyée.").waitFor();
}

let otherBoardStaffPath = "";

describe("staff administration", () => {
  it("an admin invites a secretary, who accepts, enrols TOTP and signs in with a code", async () => {
    const admin = await newPage();
    screenshotOnFailure(admin);
    await openStaffSession(admin, DEMO_STAFF.admin.email);
    const email = uniqueEmail("secretaire");
    await invite(admin, { email, name: "Camille Nouvelle-Recrue", board: "CSS des Premières-Seigneuries", school: "École des Cèdres" });
    await admin.getByRole("link", { name: "Camille Nouvelle-Recrue" }).waitFor();
    expect(await admin.getByRole("row", { name: /Camille Nouvelle-Recrue/ }).textContent()).toContain("Invitation en attente");

    // Someone in another board, for the board-support test below.
    await invite(admin, { email: uniqueEmail("autre"), name: "Paul Autre-Organisme", board: "CSS des Navigateurs", school: "École de l'Envol" });
    otherBoardStaffPath = (await admin.getByRole("link", { name: "Paul Autre-Organisme" }).getAttribute("href")) ?? "";
    expect(otherBoardStaffPath).toMatch(/^\/admin\/personnel\/[0-9a-f-]{36}$/);
    await admin.context().close();

    const secretary = await newPage();
    screenshotOnFailure(secretary);
    const link = await readLatestLink(secretary, email, "/admin/connexion/invitation/");
    await secretary.goto(link);
    await secretary.getByRole("heading", { name: "Activer votre compte du back-office" }).waitFor();
    await secretary.getByLabel("Mot de passe", { exact: true }).fill(newPassword);
    await secretary.getByLabel("Confirmer le mot de passe").fill(newPassword);
    await secretary.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await secretary.waitForURL((url) => url.pathname === "/admin/connexion" && url.searchParams.get("active") === "1");

    // The link works once.
    await secretary.goto(link);
    await secretary.getByText("Ce lien a déjà servi").waitFor();

    // Password alone is enough for this board's secretaries until they enrol.
    await signInStaff(secretary, email, { password: newPassword });
    await secretary.goto("/admin/securite");
    await secretary.getByRole("button", { name: "Configurer une application d'authentification" }).click();
    const secret = (await secretary.getByTestId("totp-secret").textContent())!.trim();
    expect(await secretary.getByRole("img", { name: /Code QR/ }).getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
    await secretary.getByLabel("Code à 6 chiffres").fill(totpCodeAt(secret));
    await secretary.getByRole("button", { name: "Activer" }).click();
    await secretary.getByTestId("recovery-codes").waitFor();
    expect(await secretary.getByTestId("recovery-codes").locator("li").count()).toBe(10);

    // Signing in again now asks for the code.
    await secretary.getByRole("button", { name: "Se déconnecter" }).click();
    await secretary.waitForURL((url) => url.pathname === "/admin/connexion");
    await secretary.locator('input[type="email"]').fill(email);
    await secretary.locator('input[type="password"]').fill(newPassword);
    await secretary.getByRole("main").getByRole("button", { name: "Se connecter", exact: true }).click();
    await secretary.waitForURL((url) => url.pathname === "/admin/connexion/verification");
    // The back-office stays closed until the code is given.
    await secretary.goto("/admin/eleves");
    await secretary.waitForURL((url) => url.pathname === "/admin/connexion/verification");
    await enterTotpCode(secretary, secret, (url) => url.pathname === "/admin");
    await secretary.context().close();
  });

  it("board support sees their board's staff only and cannot reach another board's", async () => {
    expect(otherBoardStaffPath).not.toBe("");
    const page = await newPage();
    screenshotOnFailure(page);
    await openStaffSession(page, DEMO_STAFF.boardSupport.email);
    await page.goto("/admin/personnel");
    const table = page.getByRole("table");
    await table.waitFor();
    const text = (await table.textContent()) ?? "";
    expect(text).toContain(DEMO_STAFF.secretary.email);
    expect(text).not.toContain(DEMO_STAFF.admin.email);
    expect(text).not.toContain("Paul Autre-Organisme");
    // The role list offers no admin.
    const roles = await page.getByLabel("Rôle").locator("option").allTextContents();
    expect(roles.some((r) => /admin/i.test(r))).toBe(false);

    const response = await page.goto(otherBoardStaffPath);
    expect(response?.status()).toBe(404);
    await page.context().close();
  });
});
