// The confidentiality-incident path: a parent associated with a child says "Ce n'est pas mon enfant", the child
// vanishes from the account, the board's privacy officer finds the incident prefilled, completes the risk
// assessment and records the notices, and the register's export (CSV and printable page) contains it.
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_BOARDS, DEMO_PARENT, DEMO_PARENT_CHILDREN, DEMO_STAFF } from "@/db/seed-data/fixtures";
import { closeBrowser, newPage, screenshotOnFailure, waitForHydration } from "@/tests/e2e/helpers/browser";
import { signIn } from "@/tests/e2e/helpers/parent";
import { openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

const child = DEMO_PARENT_CHILDREN.find((c) => c.boardCode === "CSSPS")!;
const board = DEMO_BOARDS.find((b) => b.code === child.boardCode)!;
const [year, month, day] = child.birthDate.split("-");

describe("confidentiality incident", () => {
  it("suspends the association at once and lets the officer complete, notify and export the incident", async () => {
    const parent = await newPage();
    screenshotOnFailure(parent);
    await signIn(parent, DEMO_PARENT.email, DEMO_PARENT.password);

    // The child's record carries the demo parent's address: the association by matching succeeds.
    await parent.goto("/associer");
    await waitForHydration(parent, '[data-testid="association-form"]');
    await parent.getByTestId("has-nip-no").check();
    await parent.getByTestId("board-search").fill("premieres");
    await parent.getByTestId("board-select").selectOption({ label: board.name });
    await parent.getByLabel("Nom de famille de l'enfant").fill(child.lastName);
    await parent.getByLabel("Prénom de l'enfant").fill(child.firstName);
    await parent.getByLabel("Jour", { exact: true }).fill(day!);
    await parent.getByLabel("Mois", { exact: true }).selectOption(String(Number(month)));
    await parent.getByLabel("Année", { exact: true }).fill(year!);
    await parent.getByLabel("Numéro de fiche ou code permanent").fill(child.fiche);
    await parent.getByTestId("association-form").getByRole("button", { name: "Enregistrer" }).click();
    await parent.getByTestId("association-success").waitFor({ state: "visible" });

    await parent.goto("/enfants");
    const card = parent.getByTestId("associated-child").filter({ hasText: child.firstName });
    await card.waitFor({ state: "visible" });
    await card.getByRole("button", { name: "Ce n’est pas mon enfant" }).click();
    const confirm = parent.getByRole("dialog", { name: `${child.firstName} n’est pas votre enfant?` });
    await confirm.getByRole("button", { name: "Oui, ce n’est pas mon enfant" }).click();
    await parent.getByTestId("not-my-child-done").waitFor({ state: "visible" });
    // Gone from the account, and not offered again although the address is on the record.
    expect(await parent.getByTestId("associated-child").filter({ hasText: child.firstName }).count()).toBe(0);
    expect(await parent.getByTestId("seen-child").filter({ hasText: child.firstName }).count()).toBe(0);

    // The officer was told, and finds the incident with the facts the system knows.
    const officer = await newPage();
    screenshotOnFailure(officer);
    await officer.goto(`/dev/mailbox?to=${encodeURIComponent(DEMO_STAFF.privacyOfficer.email)}`);
    await officer.locator('article[data-testid="mail"]', { hasText: "Incident de confidentialité" }).first().waitFor({ state: "visible" });
    await openStaffSession(officer, DEMO_STAFF.privacyOfficer.email);
    await officer.getByRole("navigation").getByRole("link", { name: "Incidents" }).click();
    await officer.waitForURL((url) => url.pathname === "/admin/incidents");
    expect(await officer.getByRole("navigation").getByRole("link", { name: "Importation" }).count()).toBe(0);
    const row = officer.getByTestId("incident-row").filter({ hasText: "Signalé par un parent" }).first();
    await row.waitFor({ state: "visible" });
    await row.getByRole("link").click();
    await officer.waitForURL((url) => /^\/admin\/incidents\/\d+$/.test(url.pathname));
    const incidentId = officer.url().split("/").pop()!;

    const facts = officer.getByTestId("incident-facts");
    await facts.getByText(DEMO_PARENT.email).waitFor({ state: "visible" });
    expect(await facts.innerText()).toContain(`Fiche ${child.fiche}`);
    expect(await officer.getByLabel("Circonstances de l’incident").inputValue()).toContain(DEMO_PARENT.email);
    expect(await officer.getByLabel("Nombre de personnes concernées").inputValue()).toBe("1");

    // Risk assessment and notices.
    await officer.getByLabel("Sensibilité des renseignements").fill("Identité et école d’un enfant");
    await officer.getByLabel("Utilisations malveillantes possibles").fill("Localiser l’enfant");
    await officer.getByLabel("Conséquences appréhendées").fill("Atteinte à la sécurité de l’enfant");
    await officer.getByLabel("Probabilité qu’ils soient utilisés à des fins préjudiciables").fill("Faible mais réelle");
    await officer.getByLabel("Risque de préjudice sérieux").selectOption("yes");
    await officer.getByLabel("Avis à la Commission d’accès à l’information le").fill("2026-11-24");
    await officer.getByLabel("Avis aux personnes concernées le").fill("2026-11-25");
    await officer.getByLabel("Mesures prises").fill("Association suspendue; courriel du dossier vérifié avec l’école.");
    await officer.getByRole("button", { name: "Enregistrer" }).click();
    await officer.getByText("8 champs enregistrés.").waitFor({ state: "visible" });
    await officer.getByTestId("incident-timeline").getByText("Incident complété").waitFor({ state: "visible" });

    // The register's export holds the entry with its notices.
    const csv = await officer.request.get("/admin/incidents/export?from=2000-01-01");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const text = await csv.text();
    const line = text.split("\r\n").find((l) => l.startsWith(`${incidentId},`));
    expect(line).toBeDefined();
    expect(line).toContain("2026-11-24");
    expect(line).toContain("2026-11-25");
    expect(line).toContain("Oui");
    expect(text.split("\r\n")[0]).toContain("avis_cai_le");

    await officer.goto("/admin/incidents/registre");
    const entry = officer.getByTestId("register-entry").filter({ hasText: `Incident n° ${incidentId}` });
    await entry.waitFor({ state: "visible" });
    expect(await entry.innerText()).toContain("Atteinte à la sécurité de l’enfant");

    // Board support reads neither the entry nor the export.
    const support = await newPage();
    await openStaffSession(support, DEMO_STAFF.boardSupport.email);
    expect((await support.request.get("/admin/incidents/export")).status()).toBe(403);
    await support.goto(`/admin/incidents/${incidentId}`);
    expect(await support.getByTestId("incident-facts").count()).toBe(0);

    await Promise.all([parent.context().close(), officer.context().close(), support.context().close()]);
  }, 180_000);
});
