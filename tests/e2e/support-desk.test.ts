// The support desk's whole path: a parent's association is refused, "Obtenir de l'aide" opens the matching help and
// carries the failed step into the request; the secretary opens the ticket from the queue, sees the failed attempt,
// fixes the email from the ticket and answers with a saved reply; the parent reads the answer at /aide/demandes and
// in the dev mailbox, retries, and the child is associated.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_BOARDS, DEMO_STAFF, DEMO_STUDENT } from "@/db/seed-data/fixtures";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { signIn, signUp, uniqueEmail } from "@/tests/e2e/helpers/parent";
import { openStaffMenu, openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

const board = DEMO_BOARDS.find((b) => b.code === DEMO_STUDENT.boardCode)!;
const [year, month, day] = DEMO_STUDENT.birthDate.split("-");
// A 1×1 PNG: the screenshot the parent attaches.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

function hasNip(page: Page, answer: "Oui" | "Non") {
  return page.getByRole("group", { name: "J'ai reçu un NIP de l'établissement scolaire" }).getByLabel(answer, { exact: true });
}

async function associate(page: Page) {
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Ajouter un enfant" }).click();
  await page.getByRole("heading", { level: 1 }).waitFor({ state: "visible" });
  await hasNip(page, "Non").check();
  await page.getByLabel("Rechercher un organisme scolaire").fill("premieres");
  await page.getByLabel("Organisme scolaire", { exact: true }).selectOption({ label: board.name });
  await page.getByLabel("Nom de famille de l'enfant").fill(DEMO_STUDENT.lastName);
  await page.getByLabel("Prénom de l'enfant").fill(DEMO_STUDENT.firstName);
  await page.getByLabel("Jour", { exact: true }).fill(day!);
  await page.getByLabel("Mois", { exact: true }).selectOption(String(Number(month)));
  await page.getByLabel("Année", { exact: true }).fill(year!);
  await page.getByLabel("Numéro de fiche ou code permanent").fill(DEMO_STUDENT.fiche);
  await page.getByRole("main").getByRole("button", { name: "Enregistrer", exact: true }).click();
}

describe("support desk", () => {
  it("takes a refused parent's request to the secretary, who fixes the email from the ticket and answers; the parent retries", async () => {
    const parent = await newPage();
    screenshotOnFailure(parent);
    const email = uniqueEmail("aide");
    await signUp(parent, email);
    await signIn(parent, email);

    await associate(parent);
    const refusal = parent.getByRole("main").getByRole("alert").filter({ hasText: "Nous n'avons pas pu associer" });
    await refusal.waitFor({ state: "visible" });
    await refusal.getByRole("link", { name: "Obtenir de l'aide ou demander un NIP à l'école" }).click();
    await parent.waitForURL((url) => url.pathname === "/aide" && url.searchParams.get("etape") === "association_refused");

    // The help that matches the failure is open, and the request form already knows the failed step.
    const matching = parent.locator("details[open]");
    expect(await matching.count()).toBe(1);
    expect(await matching.locator("summary").innerText()).toBe("Le message dit que les informations ne concordent pas.");
    await parent.getByText(/Votre demande mentionnera l'étape qui a échoué : association d'un enfant refusée/).waitFor({ state: "visible" });
    expect(await parent.getByLabel("Sujet de votre demande").inputValue()).toBe("association");

    // A disguised file is refused with a message, nothing sent; a real screenshot goes through.
    await parent.getByLabel("Votre message").fill("Mon enfant n'est pas accepté, pourtant tout est exact.");
    await parent.getByLabel("Captures d'écran (facultatif)").setInputFiles({ name: "capture.png", mimeType: "image/png", buffer: Buffer.from("<html><script>alert(1)</script></html>") });
    await parent.getByRole("button", { name: "Envoyer", exact: true }).click();
    await parent.getByText(/n'est pas une image PNG, JPEG ou WebP ni un PDF/).waitFor({ state: "visible" });
    await parent.getByLabel("Captures d'écran (facultatif)").setInputFiles({ name: "capture.png", mimeType: "image/png", buffer: png });
    await parent.getByRole("button", { name: "Envoyer", exact: true }).click();
    const sent = parent.getByRole("status").filter({ hasText: "Votre demande est envoyée" });
    await sent.waitFor({ state: "visible" });
    const reference = /D-\d{6}/.exec(await sent.innerText())![0];

    // The secretary opens it from the queue: the failed step, the attempt with its diagnosis, the record.
    const secretary = await newPage();
    screenshotOnFailure(secretary);
    await openStaffSession(secretary, DEMO_STAFF.secretary.email);
    await openStaffMenu(secretary, "Demandes d'aide");
    await secretary.getByRole("link", { name: reference }).click();
    await secretary.getByRole("heading", { level: 1, name: `Demande ${reference}` }).waitFor({ state: "visible" });
    await secretary.getByText("Association refusée", { exact: false }).first().waitFor({ state: "visible" });
    const attempt = secretary.getByRole("article", { name: /^Tentative du / }).filter({ hasText: email });
    await attempt.getByText(`Le courriel du compte (${email}) n'est pas au dossier.`, { exact: false }).waitFor({ state: "visible" });
    await secretary.getByRole("img", { name: "Aperçu de la pièce jointe capture.png" }).waitFor({ state: "visible" });

    // One click from the ticket: the email on the record becomes the parent's; the ticket notes it.
    await attempt.getByRole("button", { name: "Corriger le courriel au dossier" }).click();
    const dialog = secretary.getByRole("dialog", { name: `Corriger le courriel au dossier de ${DEMO_STUDENT.firstName} ${DEMO_STUDENT.lastName}` });
    await dialog.waitFor({ state: "visible" });
    expect(await dialog.getByLabel("Adresse corrigée").inputValue()).toBe(email);
    await dialog.getByLabel("Raison du changement (obligatoire)").fill(`Demande d'aide ${reference}.`);
    await dialog.getByRole("button", { name: "Enregistrer la correction" }).click();
    await dialog.getByText(/Correction enregistrée/).waitFor({ state: "visible" });
    await dialog.getByRole("button", { name: "Fermer", exact: true }).last().click();
    await secretary.getByTestId("conversation").getByText(new RegExp(`Courriel du dossier corrigé : .* → ${email.replace(/[.+]/g, "\\$&")}`)).waitFor({ state: "visible" });

    // A saved reply, filled with the child's first name, goes to the parent; the ticket waits for them.
    await secretary.getByLabel("Réponse enregistrée").selectOption({ label: "Courriel corrigé au dossier" });
    const body = await secretary.getByLabel("Message", { exact: true }).inputValue();
    expect(body).toContain(`au dossier de ${DEMO_STUDENT.firstName}`);
    expect(body).toContain(reference);
    await secretary.getByRole("button", { name: "Envoyer au parent" }).click();
    await secretary.getByText("Réponse envoyée au parent (dans sa langue).").waitFor({ state: "visible" });
    await secretary.getByTestId("ticket-status").filter({ hasText: "En attente du parent" }).waitFor({ state: "visible" });

    // The parent reads the answer on the site and in the mailbox.
    await parent.goto("/aide/demandes");
    await parent.getByRole("link", { name: new RegExp(reference) }).click();
    const answer = parent.getByTestId("request-conversation").locator('[data-kind="staff"]');
    await answer.waitFor({ state: "visible" });
    expect(await answer.innerText()).toContain(`au dossier de ${DEMO_STUDENT.firstName}`);
    await parent.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    const mail = parent.locator('article[data-testid="mail"]').filter({ hasText: `Réponse à votre demande ${reference}` });
    await mail.waitFor({ state: "visible" });
    expect(await mail.getByTestId("mail-text").innerText()).toContain(DEMO_STUDENT.firstName);

    // The retry succeeds.
    await parent.goto("/enfants");
    await associate(parent);
    const success = parent.getByRole("main").getByRole("status").filter({ hasText: DEMO_STUDENT.firstName });
    await success.waitFor({ state: "visible" });
  });
});
