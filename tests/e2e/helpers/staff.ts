// Staff steps shared by browser tests.
import type { Page } from "playwright-core";
import { DEMO_STAFF_PASSWORD } from "@/db/seed-data/fixtures";

/** Signs a demo staff account in at /admin/connexion and waits for the back-office home. */
export async function signInStaff(page: Page, email: string) {
  await page.goto("/admin/connexion");
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(DEMO_STAFF_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname === "/admin");
}
