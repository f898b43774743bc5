// Staff steps shared by browser tests.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { inject } from "vitest";
import { DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET } from "@/db/seed-data/fixtures";
import { totpCodeAt, TOTP_PERIOD_SECONDS } from "@/lib/staff/totp";

/**
 * Types a TOTP code of `secret` on the page's second-factor form and waits for `until`. A code of a step already
 * used (another sign-in of the same account within 30 s) is refused as a replay: the next step's code is then
 * accepted (the window allows one step ahead), and past that the helper waits for the next step to begin.
 */
export async function enterTotpCode(page: Page, secret: string, until: (url: URL) => boolean) {
  const field = page.getByLabel("Code", { exact: true });
  for (let attempt = 0; attempt < 4; attempt++) {
    const offset = attempt % 2 === 0 ? 0 : TOTP_PERIOD_SECONDS * 1000;
    await field.fill(totpCodeAt(secret, Date.now() + offset));
    await page.getByRole("button", { name: "Vérifier" }).click();
    const outcome = await Promise.race([
      page.waitForURL(until).then(() => page.locator("header.staff-header").waitFor({ state: "visible" })).then(() => "in" as const, () => "timeout" as const),
      page.locator("main .alert-error").waitFor({ state: "visible" }).then(() => "refused" as const, () => "timeout" as const),
    ]);
    if (outcome === "in") return;
    if (attempt % 2 === 1) await page.waitForTimeout(untilNextStepMs() + 250);
    // A fresh form, so the refusal on screen cannot be mistaken for the next answer.
    await page.reload();
  }
  throw new Error("the second factor was refused");
}

function untilNextStepMs(now = Date.now()): number {
  const period = TOTP_PERIOD_SECONDS * 1000;
  return period - (now % period);
}

/** Signs a staff account in at /admin/connexion (password, then its TOTP code when asked) and waits for /admin. */
export async function signInStaff(page: Page, email: string, options: { password?: string; totpSecret?: string } = {}) {
  await page.goto("/admin/connexion");
  await page.getByLabel("Adresse courriel").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(options.password ?? DEMO_STAFF_PASSWORD);
  await page.getByRole("main").getByRole("button", { name: "Se connecter", exact: true }).click();
  // The form goes to /admin, which sends a session still owing its second factor on to the verification page.
  const step = await Promise.race([
    page.waitForURL((url) => url.pathname === "/admin/connexion/verification").then(
      () => "verify" as const,
      () => "timeout" as const,
    ),
    page.locator("header.staff-header").waitFor({ state: "visible" }).then(
      () => "in" as const,
      () => "timeout" as const,
    ),
  ]);
  if (step === "verify") {
    await enterTotpCode(page, options.totpSecret ?? DEMO_STAFF_TOTP_SECRET, (url) => url.pathname === "/admin");
  }
  await page.locator("header.staff-header").waitFor({ state: "visible" });
}

/** Follows a link of the staff navigation, as a person would from any back-office page. */
export async function openStaffMenu(page: Page, name: string) {
  const link = page.getByRole("navigation", { name: "Navigation du personnel" }).getByRole("link", { name, exact: true });
  const target = new URL((await link.getAttribute("href")) ?? "", page.url()).pathname;
  await link.click();
  // The page left behind has a heading too (and the dashboard the same search box): wait for the new one.
  await page.waitForURL((url) => url.pathname === target);
  await page.getByRole("heading", { level: 1 }).first().waitFor({ state: "visible" });
}

/**
 * Opens /admin on `page` signed in as a staff account, for tests about something else than signing in. The first
 * time in a run it signs in through the form (signInStaff) and keeps the session's cookies; later pages, in any
 * file, start from them, as a second tab of the same person would. Each TOTP step is accepted once per account, so
 * signing the same account in through the form for every page waited up to 30 s for a new step, again and again.
 * A kept session that has ended (signed out, revoked) is replaced by a new sign-in through the form.
 */
export async function openStaffSession(page: Page, email: string, options: { password?: string; totpSecret?: string } = {}) {
  const kept = path.join(inject("e2eStaffSessionsDir"), `${encodeURIComponent(email)}.json`);
  if (existsSync(kept)) {
    await page.context().addCookies(JSON.parse(readFileSync(kept, "utf8")));
    await page.goto("/admin");
    const signedIn = new URL(page.url()).pathname === "/admin" && (await page.locator("header.staff-header").count()) > 0;
    if (signedIn) return;
  }
  await signInStaff(page, email, options);
  writeFileSync(kept, JSON.stringify(await page.context().cookies()));
}
