// Staff steps shared by browser tests.
import type { Page } from "playwright-core";
import { DEMO_STAFF_PASSWORD } from "@/db/seed-data/fixtures";

/** Signs a demo staff account in at /admin/connexion and waits for the back-office home. */
export async function signInStaff(page: Page, email: string) {
  await page.goto("/admin/connexion");
  await page.getByLabel("Adresse courriel").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(DEMO_STAFF_PASSWORD);
  await page.getByRole("main").getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL((url) => url.pathname === "/admin");
}

/** Follows a link of the staff navigation, as a person would from any back-office page. */
export async function openStaffMenu(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Navigation du personnel" }).getByRole("link", { name, exact: true }).click();
  await page.getByRole("heading", { level: 1 }).first().waitFor({ state: "visible" });
}
