// A secretary sees only her school: the page of another board's student, or of a parent account that touches
// only that board, answers "introuvable" exactly as a page that does not exist, while a platform admin who
// reached them through the menus sees them.
import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_PARENT, DEMO_PARENT_CHILDREN, DEMO_STAFF } from "@/db/seed-data/fixtures";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { signUp } from "@/tests/e2e/helpers/parent";
import { openStaffMenu, openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

// In the CSS des Navigateurs, not in the secretary's École des Cèdres.
const otherBoardChild = DEMO_PARENT_CHILDREN.find((child) => child.boardCode !== DEMO_STAFF.secretary.boardCode)!;
// Her second répondant has no account yet: the one this test creates touches that board only.
const otherBoardParent = otherBoardChild.guardianEmails.find((email) => email !== DEMO_PARENT.email)!;

async function staffPage(email: string): Promise<Page> {
  const page = await newPage();
  screenshotOnFailure(page);
  await openStaffSession(page, email);
  return page;
}

describe("staff scope in the browser", () => {
  it("answers 'introuvable' to a secretary opening another board's student or parent account", async () => {
    const parent = await newPage();
    screenshotOnFailure(parent);
    await signUp(parent, otherBoardParent);
    await parent.context().close();

    // The platform admin finds both through the menus.
    const admin = await staffPage(DEMO_STAFF.admin.email);
    await openStaffMenu(admin, "Élèves");
    await admin.getByRole("searchbox", { name: "Rechercher un élève" }).fill(`${otherBoardChild.lastName} ${otherBoardChild.firstName}`);
    await admin.getByRole("button", { name: "Rechercher" }).click();
    await admin.getByRole("link", { name: `${otherBoardChild.lastName}, ${otherBoardChild.firstName}` }).click();
    await admin.waitForURL(/\/admin\/eleves\/\d+$/);
    await admin.getByText(otherBoardChild.fiche, { exact: true }).first().waitFor({ state: "visible" });
    const studentUrl = new URL(admin.url()).pathname;

    await openStaffMenu(admin, "Comptes parents");
    await admin.getByLabel("Courriel du parent").fill(otherBoardParent);
    await admin.getByRole("button", { name: "Chercher" }).click();
    await admin.getByText(`Un compte existe avec l'adresse ${otherBoardParent}.`).waitFor({ state: "visible" });
    await admin.getByRole("link", { name: "Ouvrir le compte" }).click();
    await admin.waitForURL(/\/admin\/comptes\/[^/]+$/);
    await admin.getByRole("heading", { level: 1, name: otherBoardParent }).waitFor({ state: "visible" });
    const accountUrl = new URL(admin.url()).pathname;
    await admin.context().close();

    const secretary = await staffPage(DEMO_STAFF.secretary.email);
    const student = await secretary.goto(studentUrl);
    expect(student?.status()).toBe(404);
    await secretary.getByRole("heading", { level: 1, name: "Élève introuvable" }).waitFor({ state: "visible" });
    expect(await secretary.getByText(otherBoardChild.fiche).count()).toBe(0);
    expect(await secretary.getByText(otherBoardChild.firstName).count()).toBe(0);

    const account = await secretary.goto(accountUrl);
    expect(account?.status()).toBe(404);
    await secretary.getByRole("heading", { level: 1, name: "Compte introuvable" }).waitFor({ state: "visible" });
    expect(await secretary.getByText(otherBoardParent).count()).toBe(0);

    // Her own menus do not lead there either: the account search answers as for an unknown address.
    await openStaffMenu(secretary, "Comptes parents");
    await secretary.getByLabel("Courriel du parent").fill(otherBoardParent);
    await secretary.getByRole("button", { name: "Chercher" }).click();
    await secretary.getByText(`Aucun compte avec l'adresse ${otherBoardParent} parmi les familles de votre secteur.`).waitFor({ state: "visible" });
    expect(await secretary.getByRole("link", { name: "Ouvrir le compte" }).count()).toBe(0);
    await secretary.context().close();
  }, 120_000);
});
