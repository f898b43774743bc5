// The student and account pages as staff use them: nothing clipped or pushed out of view by a long address or a
// 100-character name at 1280 px, and no sideways scrolling of the page at 360 px.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BOARDS, DEMO_PARENT, DEMO_PARENT_CHILDREN, DEMO_STAFF } from "@/db/seed-data/fixtures";
import { closeBrowser, newPage, screenshotOnFailure, waitForHydration } from "@/tests/e2e/helpers/browser";
import { submitSignIn } from "@/tests/e2e/helpers/parent";
import { openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

const maika = DEMO_PARENT_CHILDREN.find((c) => c.firstName === "Maïka")!;
const board = DEMO_BOARDS.find((b) => b.code === maika.boardCode)!;
const longName = "Abcdefghij".repeat(10);
let studentPath = "";
let accountPath = "";

async function associateMaika(lastName: string) {
  const page = await newPage();
  await page.goto("/connexion");
  await submitSignIn(page, DEMO_PARENT.email, DEMO_PARENT.password);
  await page.waitForURL((url) => url.pathname === "/enfants");
  await page.goto("/associer");
  await waitForHydration(page, '[data-testid="association-form"]');
  const [year, month, day] = maika.birthDate.split("-");
  await page.getByTestId("has-nip-no").check();
  await page.getByTestId("board-select").selectOption({ label: board.name });
  await page.getByLabel("Nom de famille de l'enfant").fill(lastName);
  await page.getByLabel("Prénom de l'enfant").fill(maika.firstName);
  await page.getByLabel("Jour", { exact: true }).fill(day!);
  await page.getByLabel("Mois", { exact: true }).selectOption(String(Number(month)));
  await page.getByLabel("Année", { exact: true }).fill(year!);
  await page.getByLabel("Numéro de fiche ou code permanent").fill(maika.fiche);
  await page.getByTestId("association-form").getByRole("button", { name: "Enregistrer" }).click();
  await page.getByTestId("association-error").or(page.getByTestId("association-success")).waitFor({ state: "visible" });
  await page.context().close();
}

async function adminAt(phone: boolean, { inTest = true } = {}): Promise<Page> {
  const page = await newPage(undefined, { phone });
  if (inTest) screenshotOnFailure(page);
  await openStaffSession(page, DEMO_STAFF.admin.email);
  return page;
}

beforeAll(async () => {
  // A refused attempt with a 100-character last name, then the association itself (or "already associated" when
  // the phone-feedback test ran first: either way she is associated).
  await associateMaika(longName);
  await associateMaika(maika.lastName);
  const page = await adminAt(false, { inTest: false });
  await page.goto(`/admin/eleves?q=${maika.fiche}`);
  studentPath = (await page.locator('main a[href^="/admin/eleves/"]').first().getAttribute("href"))!;
  await page.goto(`/admin/comptes?q=${encodeURIComponent(DEMO_PARENT.email)}`);
  accountPath = (await page.locator('main a[href^="/admin/comptes/"]').first().getAttribute("href"))!;
  await page.context().close();
});

describe("student and account pages", () => {
  it("shows the associated accounts table whole at 1280 px: the Révoquer button inside its card, the address on one line", async () => {
    const page = await adminAt(false);
    await page.goto(studentPath);
    const card = page.locator("section", { has: page.getByRole("heading", { name: "Comptes parents associés" }) });
    const revoke = card.getByRole("button", { name: "Révoquer" }).first();
    await revoke.waitFor({ state: "visible" });
    const cardBox = (await card.boundingBox())!;
    const buttonBox = (await revoke.boundingBox())!;
    expect(buttonBox.x + buttonBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
    const emailCell = card.locator("td", { hasText: DEMO_PARENT.email });
    const lineHeight = await emailCell.evaluate((cell) => parseFloat(getComputedStyle(cell).lineHeight));
    const cellBox = (await emailCell.boundingBox())!;
    expect(cellBox.height).toBeLessThan(2 * lineHeight + 20);
    const region = card.getByRole("group", { name: "Comptes parents associés" });
    expect(await region.evaluate((r) => r.scrollWidth <= r.clientWidth)).toBe(true);

    // The attempt with the long typed name: its diagnosis keeps the "Au dossier" and "Constat" columns in view.
    const diagnosis = page.locator("article.attempt", { hasText: longName }).first();
    await diagnosis.waitFor({ state: "visible" });
    const table = diagnosis.getByRole("group", { name: "Comparaison champ par champ" });
    expect(await table.evaluate((r) => r.scrollWidth <= r.clientWidth)).toBe(true);
    for (const column of ["Au dossier", "Constat"]) {
      const header = (await diagnosis.getByRole("columnheader", { name: column }).boundingBox())!;
      expect(header.x + header.width).toBeLessThanOrEqual(1280);
    }
    await page.context().close();
  });

  it("fits the student page and the account page in a 360 px screen without sideways scrolling", async () => {
    const page = await adminAt(true);
    for (const path of [studentPath, accountPath]) {
      await page.goto(path);
      await page.getByRole("heading", { level: 1 }).waitFor({ state: "visible" });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
    }
    await page.context().close();
  });
});
