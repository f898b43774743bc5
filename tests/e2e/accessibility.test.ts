// axe-core on every parent and staff page, at 360×740 (a phone) and 1280×800, including the association form's
// error states: any violation fails, as does a form that would send what was typed in its address (see
// formsSendingFieldsInTheAddress).
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_BOARDS, DEMO_PARENT, DEMO_STAFF } from "@/db/seed-data/fixtures";
import { axeViolations, formsSendingFieldsInTheAddress, type AxeViolationSummary } from "@/tests/e2e/helpers/axe";
import { closeBrowser, newPage, readLatestCode, screenshotOnFailure, waitForHydration } from "@/tests/e2e/helpers/browser";
import { choosePassword, parentPassword, submitSignIn, uniqueEmail } from "@/tests/e2e/helpers/parent";
import { openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

type Width = "phone" | "desktop";
const widths: Width[] = ["phone", "desktop"];

/** Checks each state in turn and reports them all at the end, so one run lists every page's violations. */
function collector(width: Width) {
  const found: Record<string, AxeViolationSummary[]> = {};
  return {
    async check(page: Page, state: string) {
      await page.locator("main").first().waitFor({ state: "visible" });
      // Next.js streams a page's metadata after its first bytes: the title can arrive just after <main>.
      await page.waitForFunction(() => document.title.trim().length > 0);
      const violations = [...(await axeViolations(page)), ...(await formsSendingFieldsInTheAddress(page))];
      if (violations.length > 0) found[`${state} (${width})`] = violations;
    },
    expectNone() {
      const report = Object.entries(found)
        .map(([state, violations]) =>
          [`${state}:`, ...violations.map((v) => `  ${v.impact} ${v.rule}: ${v.help}\n      ${v.targets.join("\n      ")}`)].join("\n"),
        )
        .join("\n");
      expect(Object.keys(found), `axe violations:\n${report}`).toEqual([]);
    },
  };
}

async function pageAt(width: Width): Promise<Page> {
  const page = await newPage(undefined, { phone: width === "phone" });
  screenshotOnFailure(page);
  return page;
}

describe("accessibility (axe-core) of the parent pages", () => {
  for (const width of widths) {
    it(`finds no violation on the parent pages at ${width === "phone" ? "360 px" : "1280 px"}`, { timeout: 240_000 }, async () => {
      const axe = collector(width);
      const page = await pageAt(width);

      await page.goto("/connexion");
      await axe.check(page, "sign-in");
      await page.goto("/mot-de-passe-oublie");
      await axe.check(page, "password reset");
      await page.goto("/aide");
      await axe.check(page, "help, signed out");
      await page.goto("/une-page-qui-n-existe-pas");
      await axe.check(page, "not found");

      // Sign-up: the email step, the code step, and the password step with its checklist.
      const email = uniqueEmail(`axe-${width}`);
      await page.goto("/inscription");
      await axe.check(page, "sign-up, email");
      await page.getByLabel("Adresse courriel").fill(email);
      await page.getByRole("button", { name: "Obtenir un code de vérification" }).click();
      const codeField = page.getByLabel("Code de vérification");
      await codeField.waitFor({ state: "visible" });
      await axe.check(page, "sign-up, code");
      await codeField.fill(await readLatestCode(page, email));
      await page.getByRole("button", { name: "Vérifier le code" }).click();
      await page.getByRole("heading", { name: "Choisissez votre mot de passe" }).waitFor({ state: "visible" });
      await page.getByLabel("Mot de passe", { exact: true }).fill("court");
      await axe.check(page, "sign-up, password");
      await choosePassword(page, parentPassword);
      await page.waitForURL((url) => url.pathname === "/connexion");

      // The new parent: children, help, the association form in both modes and their errors.
      const parent = page;
      await submitSignIn(parent, email, parentPassword);
      await parent.waitForURL((url) => url.pathname === "/enfants");
      await axe.check(parent, "children");
      await parent.goto("/aide");
      await axe.check(parent, "help, signed in");
      if (width === "phone") {
        await parent.getByRole("button", { name: "Menu" }).click();
        await axe.check(parent, "menu open");
      }
      await parent.goto("/associer");
      await waitForHydration(parent, '[data-testid="association-form"]');
      await axe.check(parent, "associate");
      const form = parent.getByTestId("association-form");
      await form.getByRole("button", { name: "Enregistrer" }).click();
      await parent.getByLabel("Organisme scolaire", { exact: true }).and(parent.locator('[aria-invalid="true"]')).waitFor();
      await axe.check(parent, "associate, fields missing");
      await parent.getByTestId("board-select").selectOption({ label: DEMO_BOARDS.find((b) => b.code === "CSSPS")!.name });
      await parent.getByLabel("Nom de famille de l'enfant").fill("Personne");
      await parent.getByLabel("Prénom de l'enfant").fill("Inconnue");
      await parent.getByLabel("Jour", { exact: true }).fill("1");
      await parent.getByLabel("Mois", { exact: true }).selectOption("1");
      await parent.getByLabel("Année", { exact: true }).fill("2016");
      await parent.getByLabel("Numéro de fiche ou code permanent").fill("9999999");
      await form.getByRole("button", { name: "Enregistrer" }).click();
      await parent.getByTestId("association-error").waitFor({ state: "visible" });
      await axe.check(parent, "associate, refused");
      await parent.getByTestId("has-nip-yes").check();
      await axe.check(parent, "associate by NIP");
      await parent.getByLabel("NIP fourni par l'établissement").fill("ZZZZ-ZZZZ");
      await parent.getByTestId("nip-form").getByRole("button", { name: "Enregistrer" }).click();
      await parent.getByTestId("association-error").waitFor({ state: "visible" });
      await axe.check(parent, "associate by NIP, refused");
      await parent.context().close();

      // A parent with children to associate (the demo parent): the children page with its cards.
      const demo = await pageAt(width);
      await demo.goto("/connexion");
      await submitSignIn(demo, DEMO_PARENT.email, DEMO_PARENT.password);
      await demo.waitForURL((url) => url.pathname === "/enfants");
      await axe.check(demo, "children, with records to associate");
      await demo.goto("/compte");
      await axe.check(demo, "own account");
      await demo.context().close();

      axe.expectNone();
    });
  }
});

describe("accessibility (axe-core) of the staff pages", () => {
  for (const width of widths) {
    it(`finds no violation on the back-office pages at ${width === "phone" ? "360 px" : "1280 px"}`, { timeout: 240_000 }, async () => {
      const axe = collector(width);
      const page = await pageAt(width);
      await page.goto("/admin/connexion");
      await axe.check(page, "staff sign-in");
      await openStaffSession(page, DEMO_STAFF.admin.email);
      await axe.check(page, "dashboard");
      await page.goto("/admin/eleves?q=1234567");
      await axe.check(page, "students");
      const student = await page.locator('main a[href^="/admin/eleves/"]').first().getAttribute("href");
      await page.goto(student!);
      await axe.check(page, "student page");
      await page.goto("/admin/tentatives?outcome=all");
      await axe.check(page, "attempts");
      await page.goto("/admin/comptes");
      await axe.check(page, "accounts");
      await page.goto("/admin/comptes?q=exemple.ca");
      await axe.check(page, "accounts, found");
      const account = await page.locator('main a[href^="/admin/comptes/"]').first().getAttribute("href");
      await page.goto(account!);
      await axe.check(page, "account page");
      await page.goto("/admin/journal");
      await axe.check(page, "audit log");
      await page.goto("/admin/chiffres");
      await axe.check(page, "figures");
      await page.goto("/admin/import");
      await axe.check(page, "import");
      await page.goto("/admin/personnel");
      await axe.check(page, "staff administration");
      await page.goto("/admin/incidents");
      await axe.check(page, "incident register");
      await page.goto("/admin/incidents/nouveau");
      await axe.check(page, "incident declaration");
      await page.goto("/admin/conservation");
      await axe.check(page, "retention settings");
      await page.getByLabel("Tentatives d’association (mois)").first().fill("0");
      await page.getByRole("button", { name: "Enregistrer les durées" }).first().click();
      await page.getByText("Indiquez une durée entre 1 et 120 mois.").first().waitFor({ state: "visible" });
      await axe.check(page, "retention settings, value out of bounds");
      await page.goto("/admin/une-page-qui-n-existe-pas");
      await axe.check(page, "staff not found");
      await page.context().close();
      axe.expectNone();
    });
  }
});
