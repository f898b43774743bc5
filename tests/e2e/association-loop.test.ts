// The association loop: a parent whose email is not on the record is refused without learning why; the secretary
// sees why on the attempts page, fixes the email in one click, and the parent's retry succeeds. Then the NIP path:
// a NIP shown once on the student page associates one parent and is refused to the next.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_BOARDS, DEMO_STAFF, DEMO_STUDENT } from "@/db/seed-data/fixtures";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { signIn, signUp, uniqueEmail } from "@/tests/e2e/helpers/parent";
import { openStaffMenu, openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

const board = DEMO_BOARDS.find((b) => b.code === DEMO_STUDENT.boardCode)!;
const [year, month, day] = DEMO_STUDENT.birthDate.split("-");
const diagnosisScreenshot = path.resolve(import.meta.dirname, "..", "..", "test-results", "attempts-diagnosis.png");

async function newParent(label: string): Promise<{ page: Page; email: string }> {
  const page = await newPage();
  screenshotOnFailure(page);
  const email = uniqueEmail(label);
  await signUp(page, email);
  await signIn(page, email);
  return { page, email };
}

async function signInSecretary(): Promise<Page> {
  const page = await newPage();
  screenshotOnFailure(page);
  await openStaffSession(page, DEMO_STAFF.secretary.email);
  return page;
}

/** "Ajouter un enfant" in the parent's menu. */
async function openAssociate(page: Page) {
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Ajouter un enfant" }).click();
  await page.getByRole("heading", { level: 1 }).waitFor({ state: "visible" });
}

function hasNip(page: Page, answer: "Oui" | "Non") {
  return page.getByRole("group", { name: "J'ai reçu un NIP de l'établissement scolaire" }).getByLabel(answer, { exact: true });
}

async function fillMatchForm(page: Page) {
  await hasNip(page, "Non").check();
  await page.getByLabel("Rechercher un organisme scolaire").fill("premieres");
  await page.getByLabel("Organisme scolaire", { exact: true }).selectOption({ label: board.name });
  await page.getByLabel("Nom de famille de l'enfant").fill(DEMO_STUDENT.lastName);
  await page.getByLabel("Prénom de l'enfant").fill(DEMO_STUDENT.firstName);
  await page.getByLabel("Jour", { exact: true }).fill(day!);
  await page.getByLabel("Mois", { exact: true }).selectOption(String(Number(month)));
  await page.getByLabel("Année", { exact: true }).fill(year!);
  await page.getByLabel("Numéro de fiche ou code permanent").fill(DEMO_STUDENT.fiche);
}

async function enterNip(page: Page, nip: string) {
  await openAssociate(page);
  await hasNip(page, "Oui").check();
  await page.getByLabel("NIP fourni par l'établissement").fill(nip);
  await page.getByRole("main").getByRole("button", { name: "Enregistrer", exact: true }).click();
}

/** The parent's answer after "Enregistrer": the refusal is an alert, the success a status message. */
const refusal = (page: Page) => page.getByRole("main").getByRole("alert").filter({ hasText: /./ });
const associated = (page: Page) => page.getByRole("main").getByRole("status").filter({ hasText: /./ });

/** "Mes enfants" lists each associated child as a card named after the child. */
async function openMyChildren(page: Page) {
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Mes enfants" }).click();
  await page.waitForURL((url) => url.pathname === "/enfants");
}
const childCard = (page: Page) =>
  page
    .getByRole("region", { name: "Enfants associés à mon compte" })
    .getByRole("article", { name: `${DEMO_STUDENT.firstName} ${DEMO_STUDENT.lastName}` });

describe("association loop", () => {
  it("refuses a parent whose email is not on the record, lets the secretary fix it, then accepts the retry; a NIP works once", async () => {
    const { page: parent, email } = await newParent("boucle");

    await openAssociate(parent);
    await fillMatchForm(parent);
    await parent.getByRole("main").getByRole("button", { name: "Enregistrer", exact: true }).click();
    const failure = refusal(parent);
    await failure.waitFor({ state: "visible" });
    const failureText = await failure.innerText();
    expect(failureText).toContain("Nous n'avons pas pu associer cet enfant à votre compte avec les renseignements saisis.");
    // The same checklist whatever differed, and nothing from the record.
    for (const item of ["le nom et le prénom de votre enfant", "sa date de naissance", "son numéro de fiche", `que le courriel de votre compte (${email})`]) {
      expect(failureText).toContain(item);
    }
    for (const secret of [...DEMO_STUDENT.guardianEmails, "n'est pas au dossier", "différent"]) {
      expect(failureText).not.toContain(secret);
    }

    // The secretary finds the attempt by the parent's email and reads the diagnosis.
    const secretary = await signInSecretary();
    await openStaffMenu(secretary, "Tentatives");
    await secretary.getByLabel("Courriel du parent").fill(email);
    await secretary.getByRole("button", { name: "Filtrer" }).click();
    await secretary.waitForURL((url) => url.searchParams.get("email") === email);
    const attempt = secretary.getByRole("article", { name: /^Tentative du / }).filter({ hasText: email });
    await attempt.waitFor({ state: "visible" });
    expect(await attempt.count()).toBe(1);
    const finding = `Le courriel du compte (${email}) n'est pas au dossier. Courriels au dossier : ${DEMO_STUDENT.guardianEmails.join(", ")}.`;
    await attempt.getByText(finding).waitFor({ state: "visible" });
    mkdirSync(path.dirname(diagnosisScreenshot), { recursive: true });
    await secretary.screenshot({ path: diagnosisScreenshot, fullPage: true });
    const studentHref = await attempt.getByRole("link", { name: `${DEMO_STUDENT.lastName}, ${DEMO_STUDENT.firstName}` }).getAttribute("href");
    expect(studentHref).toMatch(/^\/admin\/eleves\/\d+$/);

    // One-click fix: the dialog comes filled with the parent's address.
    await attempt.getByRole("button", { name: "Corriger le courriel au dossier" }).click();
    const dialog = secretary.getByRole("dialog", { name: `Corriger le courriel au dossier de ${DEMO_STUDENT.firstName} ${DEMO_STUDENT.lastName}` });
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.getByLabel("Adresse corrigée").inputValue()).toBe(email);
    await dialog.getByLabel("Raison du changement (obligatoire)").fill("Appel du parent, nouvelle adresse confirmée.");
    await dialog.getByRole("button", { name: "Enregistrer la correction" }).click();
    await dialog.getByText(`Correction enregistrée : ${DEMO_STUDENT.guardianEmails[0]} → ${email}.`).waitFor({ state: "visible" });
    // The confirmation stays until it is closed; then the attempt says the fix is done.
    // Two buttons close it (the ✕ of the title bar and the one under the confirmation): the latter.
    await dialog.getByRole("button", { name: "Fermer", exact: true }).last().click();
    await attempt.getByText(`Le courriel ${email} est maintenant au dossier : le parent peut réessayer.`).waitFor({ state: "visible" });

    // The parent retries the same form, untouched.
    await parent.getByRole("main").getByRole("button", { name: "Enregistrer", exact: true }).click();
    const success = associated(parent);
    await success.waitFor({ state: "visible" });
    expect(await success.innerText()).toContain(DEMO_STUDENT.firstName);
    await openMyChildren(parent);
    await childCard(parent).waitFor({ state: "visible" });

    // NIP path: the secretary revokes that association and issues a NIP shown once.
    await attempt.getByRole("link", { name: `${DEMO_STUDENT.lastName}, ${DEMO_STUDENT.firstName}` }).click();
    await secretary.waitForURL((url) => url.pathname === studentHref);
    const accounts = secretary.getByRole("region", { name: "Comptes parents associés" });
    await accounts.getByRole("row", { name: new RegExp(email.replace(/[.+]/g, "\\$&")) }).getByRole("button", { name: "Révoquer" }).click();
    const revoke = secretary.getByRole("dialog", { name: "Révoquer l'association" });
    await revoke.getByLabel("Raison de la révocation (obligatoire)").fill("Essai du parcours NIP.");
    await revoke.getByRole("button", { name: "Révoquer l'association" }).click();
    await accounts.getByText("Aucun compte parent n'est associé à cet élève.").waitFor({ state: "visible" });

    const nipSection = secretary.getByRole("region", { name: "NIP", exact: true });
    await nipSection.getByRole("button", { name: "Émettre un NIP" }).click();
    const shown = nipSection.getByLabel("NIP", { exact: true });
    await shown.waitFor({ state: "visible" });
    const nip = (await shown.innerText()).trim();
    expect(nip).toMatch(/^[A-Z0-9]{4}-?[A-Z0-9]{4}$/);

    // The parent, still on "Mes enfants", reloads it: the child is gone.
    await parent.reload();
    await parent.getByRole("heading", { level: 1, name: "Mes enfants" }).waitFor({ state: "visible" });
    expect(await childCard(parent).count()).toBe(0);
    await enterNip(parent, nip);
    await associated(parent).waitFor({ state: "visible" });
    await openMyChildren(parent);
    await childCard(parent).waitFor({ state: "visible" });

    // The NIP served once: the next parent is refused.
    const { page: other } = await newParent("nip-deja-utilise");
    await enterNip(other, nip);
    const refused = refusal(other);
    await refused.waitFor({ state: "visible" });
    expect(await refused.innerText()).toContain("Ce NIP n'est pas valide ou est expiré.");
    expect(await associated(other).count()).toBe(0);

    await Promise.all([parent.context().close(), secretary.context().close(), other.context().close()]);
  }, 180_000);
});
