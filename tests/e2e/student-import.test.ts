// Board support uploads a small student record file with one bad line and reads the dry-run report.
// The run is not applied: the shared e2e database keeps its demo students for the other browser tests.
import { afterAll, describe, expect, it } from "vitest";
import { DEMO_STAFF } from "@/db/seed-data/fixtures";
import { importCsvLine, importHeaderLine, type ImportRowValues } from "@/lib/import/columns";
import { closeBrowser, newPage, screenshotOnFailure } from "@/tests/e2e/helpers/browser";
import { openStaffMenu, openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

const row = (values: Partial<ImportRowValues>): ImportRowValues => ({
  organisme: "CSSPS",
  ecole: "041",
  fiche: "7654321",
  code_permanent: "",
  nom: "Bélanger-Côté",
  prenom: "Zoé",
  date_naissance: "2016-05-01",
  niveau: "4e année",
  courriel_1: "zoe.parent@example.ca",
  courriel_2: "",
  ...values,
});

describe("student record import", () => {
  it("shows the dry run of a file with one bad line, with its line number and reason", async () => {
    const page = await newPage();
    screenshotOnFailure(page);
    await openStaffSession(page, DEMO_STAFF.boardSupport.email);

    await openStaffMenu(page, "Importation");
    const csv = [
      importHeaderLine(";"),
      importCsvLine(row({}), ";"),
      importCsvLine(row({ fiche: "12ab", nom: "O'Neil; \"Jr\"" }), ";"),
    ].join("\r\n");
    await page.getByLabel("Fichier CSV").setInputFiles({ name: "eleves.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "latin1") });
    await page.getByRole("button", { name: "Analyser le fichier (essai)" }).click();

    await page.waitForURL((url) => url.searchParams.has("run"), { timeout: 30_000 });
    const report = page.getByRole("region", { name: /eleves\.csv/ });
    await report.getByText("Prêt à appliquer").first().waitFor({ state: "visible" });
    await report.getByText("windows-1252").waitFor({ state: "visible" });
    const rejected = report
      .getByRole("group")
      .filter({ hasText: "Lignes rejetées" })
      .getByRole("row")
      .filter({ has: page.getByRole("cell") });
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().innerText()).toMatch(/^3\s+Numéro de fiche invalide/);
    await report.getByText("Bélanger-Côté, Zoé").waitFor({ state: "visible" });
    await report.getByRole("button", { name: "Appliquer" }).waitFor({ state: "visible" });
    await page.context().close();
  });
});
