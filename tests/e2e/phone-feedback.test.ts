// A parent on a 360 px phone, by visible labels: after a failed submit the error is where their eyes and focus
// are; the forms say precisely what to fix; the header and the association page stay short; unknown addresses
// answer in French with a way back. Then what staff see of a re-submitted child.
import type { Locator, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_BOARDS, DEMO_PARENT, DEMO_PARENT_CHILDREN, DEMO_STAFF } from "@/db/seed-data/fixtures";
import { closeBrowser, e2eBaseURL, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { choosePassword, requestAndEnterCode, submitSignIn, uniqueEmail } from "@/tests/e2e/helpers/parent";
import { openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

const emile = DEMO_PARENT_CHILDREN.find((c) => c.firstName === "Émile")!;
const maika = DEMO_PARENT_CHILDREN.find((c) => c.firstName === "Maïka")!;

async function phonePage(): Promise<Page> {
  const page = await newPage(undefined, { phone: true });
  screenshotOnFailure(page);
  return page;
}

async function demoParent(): Promise<Page> {
  const page = await phonePage();
  await page.goto("/connexion");
  await submitSignIn(page, DEMO_PARENT.email, DEMO_PARENT.password);
  await page.waitForURL((url) => url.pathname === "/enfants");
  return page;
}

/** Whether `locator` has keyboard focus and its top edge is inside the viewport. */
async function focusedAndInView(locator: Locator): Promise<{ focused: boolean; top: number; viewport: number }> {
  return locator.evaluate((element) => ({
    focused: document.activeElement === element,
    top: element.getBoundingClientRect().top,
    viewport: window.innerHeight,
  }));
}

type Child = (typeof DEMO_PARENT_CHILDREN)[number];

async function fillChild(page: Page, child: Child, overrides: { day?: string; year?: string } = {}) {
  const [year, month, day] = child.birthDate.split("-");
  await page.getByTestId("has-nip-no").check();
  await page.getByTestId("board-select").selectOption({ label: DEMO_BOARDS.find((b) => b.code === child.boardCode)!.name });
  await page.getByLabel("Nom de famille de l'enfant").fill(child.lastName);
  await page.getByLabel("Prénom de l'enfant").fill(child.firstName);
  await page.getByLabel("Jour", { exact: true }).fill(overrides.day ?? day!);
  await page.getByLabel("Mois", { exact: true }).selectOption(String(Number(month)));
  await page.getByLabel("Année", { exact: true }).fill(overrides.year ?? year!);
  await page.getByLabel("Numéro de fiche ou code permanent").fill(child.fiche);
}

/** Émile's details, with a wrong day or year when told: these tests never associate him (another file does). */
const fillEmile = (page: Page, overrides: { day?: string; year?: string } = {}) => fillChild(page, emile, overrides);

const save = (page: Page) => page.getByTestId("association-form").getByRole("button", { name: "Enregistrer" }).click();

describe("phone-first feedback on the parent forms (360 px)", () => {
  it("moves focus to the error box, in view, after a refused association, a refused NIP and a wrong password", async () => {
    const page = await demoParent();
    await page.goto("/associer");
    await fillEmile(page, { day: "3" });
    await save(page);
    const error = page.getByTestId("association-error");
    await error.waitFor({ state: "visible" });
    await expect.poll(async () => (await focusedAndInView(error)).focused).toBe(true);
    const shown = await focusedAndInView(error);
    expect(shown.top).toBeGreaterThanOrEqual(0);
    expect(shown.top).toBeLessThan(shown.viewport / 2);

    // The same wrong data again: the box takes focus again (the parent scrolled down to the button meanwhile).
    await page.getByTestId("association-form").getByRole("button", { name: "Enregistrer" }).focus();
    await save(page);
    await expect.poll(async () => (await focusedAndInView(error)).focused).toBe(true);

    await page.getByTestId("has-nip-yes").check();
    await page.getByLabel("NIP fourni par l'établissement").fill("ZZZZ-ZZZZ");
    await page.getByTestId("nip-form").getByRole("button", { name: "Enregistrer" }).click();
    const nipError = page.getByTestId("nip-form").getByTestId("association-error");
    await nipError.waitFor({ state: "visible" });
    await expect.poll(async () => (await focusedAndInView(nipError)).focused).toBe(true);
    await page.context().close();

    const signIn = await phonePage();
    await signIn.goto("/connexion");
    await submitSignIn(signIn, DEMO_PARENT.email, "Pas-le-bon-mot-2026");
    const alert = signIn.locator("main").getByRole("alert");
    await alert.waitFor({ state: "visible" });
    await expect.poll(async () => (await focusedAndInView(alert)).focused).toBe(true);
    expect((await focusedAndInView(alert)).top).toBeGreaterThanOrEqual(0);
    await signIn.context().close();
  });

  it("shows the error box's first line at 1280 px too", async () => {
    const page = await newPage();
    screenshotOnFailure(page);
    await page.goto("/connexion");
    await submitSignIn(page, DEMO_PARENT.email, DEMO_PARENT.password);
    await page.waitForURL((url) => url.pathname === "/enfants");
    await page.goto("/associer");
    await fillEmile(page, { day: "4" });
    await save(page);
    const error = page.getByTestId("association-error");
    await error.waitFor({ state: "visible" });
    await expect.poll(async () => (await focusedAndInView(error)).focused).toBe(true);
    expect((await focusedAndInView(error)).top).toBeGreaterThanOrEqual(0);
    await page.context().close();
  });

  it("focuses the first invalid field in reading order (the board) on an empty submit, and styles the date error like the others", async () => {
    const page = await demoParent();
    await page.goto("/associer");
    await save(page);
    const board = page.getByTestId("board-select");
    await expect.poll(() => board.evaluate((element) => document.activeElement === element)).toBe(true);
    const style = (locator: Locator) =>
      locator.evaluate((element) => {
        const computed = getComputedStyle(element);
        return { color: computed.color, fontSize: computed.fontSize };
      });
    const dateError = page.getByRole("group", { name: "Date de naissance" }).locator(".error");
    const nameError = page.locator(".field", { has: page.getByLabel("Nom de famille de l'enfant") }).locator(".error");
    expect(await dateError.innerText()).not.toBe("");
    expect(await style(dateError)).toEqual(await style(nameError));
    await page.context().close();
  });

  it("says a two-digit year needs four digits instead of blaming the day and month", async () => {
    const page = await demoParent();
    await page.goto("/associer");
    await fillEmile(page, { year: "18" });
    await save(page);
    const dateGroup = page.getByRole("group", { name: "Date de naissance" });
    await expect.poll(() => dateGroup.locator(".error").innerText()).toContain("quatre chiffres");
    expect(await dateGroup.innerText()).not.toContain("Vérifiez le jour et le mois");
    await page.context().close();
  });

  it("in NIP mode, tells how to reach the board's forms instead of pointing at a board field that is not there", async () => {
    const page = await demoParent();
    await page.goto("/associer?nip=oui");
    const other = page.locator("#autres-situations");
    await other.waitFor({ state: "visible" });
    expect(await other.innerText()).toContain("répondez « Non » à la question sur le NIP");
    expect(await other.innerText()).not.toContain("ci-dessus");
    await page.context().close();
  });

  it("keeps the signed-in header on one line behind a Menu button, and lets the account-email notice collapse once read", async () => {
    const page = await demoParent();
    await page.goto("/associer");
    const header = page.locator("header.site-header");
    expect((await header.boundingBox())!.height).toBeLessThan(80);
    const menu = page.getByRole("button", { name: "Menu" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    expect(await page.getByRole("link", { name: "Mes enfants" }).isVisible()).toBe(false);
    await menu.click();
    await page.getByRole("link", { name: "Mes enfants" }).waitFor({ state: "visible" });
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await menu.click();

    const notice = page.getByTestId("account-email-notice");
    expect(await notice.innerText()).toContain(DEMO_PARENT.email);
    const before = await page.evaluate(() => document.documentElement.scrollHeight);
    await notice.getByRole("button", { name: "Compris" }).click();
    await expect.poll(() => notice.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    // The question and the address stay visible; the rest is folded away, here and on the next visit.
    expect(await notice.innerText()).toContain(DEMO_PARENT.email);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(before);
    await page.reload();
    await page.getByTestId("association-form").waitFor({ state: "visible" });
    await expect.poll(() => notice.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
    await page.context().close();
  });
});

describe("a newcomer's sign-up on a phone (360 px)", () => {
  it("fills the email in after the account is created, and a reset right after sign-up sends its code at once; no stray checklist bullet", async () => {
    const page = await phonePage();
    const email = uniqueEmail("prefill");
    await page.goto("/inscription");
    await requestAndEnterCode(page, email);
    // Every item of the password checklist has its own text: no empty item showing a lone bullet.
    const emptyItems = await page.locator("#password-rules li").evaluateAll((items) =>
      items.filter((li) => [...li.childNodes].every((n) => n.nodeType !== Node.TEXT_NODE || n.textContent!.trim() === "")).length,
    );
    expect(emptyItems).toBe(0);
    await choosePassword(page, "Trois-Pommes-Vertes-2026");
    await page.waitForURL((url) => url.pathname === "/connexion" && url.searchParams.get("compte") === "cree");
    expect(page.url()).not.toContain(encodeURIComponent(email));
    const emailField = page.getByLabel("Adresse courriel");
    await expect.poll(() => emailField.inputValue()).toBe(email);
    await expect
      .poll(() => page.getByLabel("Mot de passe", { exact: true }).evaluate((element) => document.activeElement === element))
      .toBe(true);

    await page.goto("/mot-de-passe-oublie");
    await page.getByLabel("Adresse courriel").fill(email);
    await page.getByRole("button", { name: "Obtenir un code de vérification" }).click();
    await page.getByLabel("Code de vérification").waitFor({ state: "visible" });
    expect(await page.locator("main").innerText()).not.toContain("Un code vient d'être envoyé");
    await page.context().close();
  });
});

describe("unknown addresses", () => {
  it("answer 404 with a translated page, the parent header and a way back", async () => {
    const response = await fetch(`${e2eBaseURL()}/cette-page-n-existe-pas`);
    expect(response.status).toBe(404);
    const page = await phonePage();
    await page.goto("/cette-page-n-existe-pas");
    await page.getByRole("heading", { name: "Page introuvable" }).waitFor({ state: "visible" });
    expect(await page.locator("header.site-header").innerText()).toContain("Portail Parents");
    await page.getByRole("link", { name: "Aller à la connexion" }).click();
    await page.waitForURL((url) => url.pathname === "/connexion");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Sign in" }).waitFor({ state: "visible" });
    await page.goto("/nowhere");
    await page.getByRole("heading", { name: "Page not found" }).waitFor({ state: "visible" });
    await page.context().close();
  });

  it("in the back-office, answer with the staff header and a link to the dashboard", async () => {
    const page = await phonePage();
    await openStaffSession(page, DEMO_STAFF.secretary.email);
    const response = await page.goto("/admin/nulle-part");
    expect(response?.status()).toBe(404);
    await page.getByRole("heading", { name: "Page introuvable" }).waitFor({ state: "visible" });
    await page.getByRole("link", { name: "Retour au tableau de bord" }).click();
    await page.waitForURL((url) => url.pathname === "/admin");
    await page.context().close();
  });
});

describe("a child submitted again once associated", () => {
  it("is its own outcome for staff: not in the failures, shown as « Déjà associé » among all attempts", async () => {
    const staff = await phonePage();
    await openStaffSession(staff, DEMO_STAFF.admin.email);
    const filtered = `/admin/tentatives?email=${encodeURIComponent(DEMO_PARENT.email)}&student=${maika.fiche}`;
    const attempts = staff.locator("article.attempt");
    const failuresListed = async () => {
      await staff.goto(filtered);
      await staff.getByRole("heading", { level: 1 }).waitFor({ state: "visible" });
      return attempts.count();
    };
    const failuresBefore = await failuresListed();

    // Maïka, whom the staff-layout test associates too: whichever file runs first associates her.
    const parent = await demoParent();
    await parent.goto("/associer");
    await fillChild(parent, maika);
    await save(parent);
    await parent.getByTestId("association-success").or(parent.getByTestId("association-error")).waitFor({ state: "visible" });
    await parent.goto("/associer");
    await fillChild(parent, maika);
    await save(parent);
    const message = parent.getByTestId("association-error");
    await message.waitFor({ state: "visible" });
    expect(await message.innerText()).toContain("déjà associé à votre compte");
    await parent.context().close();

    // The failures list did not gain the re-submission; the list of every attempt shows it as its own outcome.
    expect(await failuresListed()).toBe(failuresBefore);
    await staff.goto(`${filtered}&outcome=all`);
    await attempts.first().waitFor({ state: "visible" });
    const newest = await attempts.nth(0).locator(".attempt-head .badge").allInnerTexts();
    expect(newest).toContain("Déjà associé");
    expect(newest).not.toContain("Échouée");
    expect(await attempts.locator(".attempt-head .badge").allInnerTexts()).toContain("Réussie");
    await staff.context().close();
  });
});
