// The back-office's GET filter forms (attempts, support tickets, audit journal, parent accounts, figures, the student
// search): once the page's script has loaded, a submit is a client navigation (next/form) that shows the filtered
// list under the URL a plain GET would have given; without JavaScript the same form is a plain GET to the same URL.
// After a client navigation the fields show the filters applied (browser back, a reset link: also one leading to the
// list already shown), the focus stays on the button pressed, and the pages pass axe. Each filtered page (attempts,
// journal, ticket queue, parent accounts, figures, student search) says what it shows in a status region that is
// there before a filter changes it, in French and in English. While the navigation is under way the form says so
// (aria-busy, the button's "Recherche…") and ignores another submit.
import type { Locator, Page, Request, Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BOARDS, DEMO_SCHOOLS, DEMO_STAFF, DEMO_STUDENT } from "@/db/seed-data/fixtures";
import { expectNoAxeViolations } from "@/tests/e2e/helpers/axe";
import { browser, closeBrowser, e2eBaseURL, newPage, screenshotOnFailure, waitForHydration } from "@/tests/e2e/helpers/browser";
import { signIn, signUp, uniqueEmail } from "@/tests/e2e/helpers/parent";
import { openStaffMenu, openStaffSession } from "@/tests/e2e/helpers/staff";

afterAll(closeBrowser);

const board = DEMO_BOARDS.find((b) => b.code === DEMO_STUDENT.boardCode)!;
/** The demo secretary's one school; the demo board support's board is `board`. */
const secretarySchool = DEMO_SCHOOLS.find((s) => s.boardCode === DEMO_STAFF.secretary.boardCode && s.code === DEMO_STAFF.secretary.schoolCodes[0])!;
const [year, month, day] = DEMO_STUDENT.birthDate.split("-");

/** A parent of this file: one refused association (their address is on no record) and one help request. */
const parentEmail = uniqueEmail("filtres");
let reference = "";

beforeAll(async () => {
  const parent = await newPage();
  await signUp(parent, parentEmail);
  await signIn(parent, parentEmail);
  await parent.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Ajouter un enfant" }).click();
  await parent.getByRole("heading", { level: 1 }).waitFor({ state: "visible" });
  await parent.getByRole("group", { name: "J'ai reçu un NIP de l'établissement scolaire" }).getByLabel("Non", { exact: true }).check();
  await parent.getByLabel("Rechercher un organisme scolaire").fill("premieres");
  await parent.getByLabel("Organisme scolaire", { exact: true }).selectOption({ label: board.name });
  await parent.getByLabel("Nom de famille de l'enfant").fill(DEMO_STUDENT.lastName);
  await parent.getByLabel("Prénom de l'enfant").fill(DEMO_STUDENT.firstName);
  await parent.getByLabel("Jour", { exact: true }).fill(day!);
  await parent.getByLabel("Mois", { exact: true }).selectOption(String(Number(month)));
  await parent.getByLabel("Année", { exact: true }).fill(year!);
  await parent.getByLabel("Numéro de fiche ou code permanent").fill(DEMO_STUDENT.fiche);
  await parent.getByRole("main").getByRole("button", { name: "Enregistrer", exact: true }).click();
  const refusal = parent.getByRole("main").getByRole("alert").filter({ hasText: "Nous n'avons pas pu associer" });
  await refusal.waitFor({ state: "visible" });
  await refusal.getByRole("link", { name: "Obtenir de l'aide ou demander un NIP à l'école" }).click();
  await parent.waitForURL((url) => url.pathname === "/aide");
  await parent.getByLabel("Votre message").fill("Mon enfant n'est pas accepté.");
  await parent.getByRole("button", { name: "Envoyer", exact: true }).click();
  const sent = parent.getByRole("status").filter({ hasText: "Votre demande est envoyée" });
  await sent.waitFor({ state: "visible" });
  reference = /D-\d{6}/.exec(await sent.innerText())![0];
  await parent.context().close();
}, 120_000);

type Submitted = { search: string; sameDocument: boolean; documentRequests: number; focused: string | null };

/**
 * Presses the form's submit button and waits for a URL that `until` accepts. Tells the query string reached, whether
 * the page's document was kept (a client navigation) and how many documents were requested meanwhile, and what has
 * the focus then.
 */
async function submit(page: Page, button: string, until: (url: URL) => boolean): Promise<Submitted> {
  await page.evaluate(() => {
    (window as unknown as { filterFormMark?: boolean }).filterFormMark = true;
  });
  let documentRequests = 0;
  const count = (request: { resourceType(): string }) => {
    if (request.resourceType() === "document") documentRequests++;
  };
  page.on("request", count);
  await page.getByRole("main").getByRole("button", { name: button, exact: true }).click();
  await page.waitForURL(until);
  page.off("request", count);
  const state = await page.evaluate(() => ({
    sameDocument: (window as unknown as { filterFormMark?: boolean }).filterFormMark === true,
    focused: document.activeElement?.textContent?.trim() ?? null,
  }));
  return { search: new URL(page.url()).search, documentRequests, ...state };
}

/** A page of a context without JavaScript, signed in with the cookies of `signedIn`'s context. */
async function pageWithoutScript(signedIn: Page): Promise<Page> {
  const context = await (await browser()).newContext({ baseURL: e2eBaseURL(), locale: "fr-FR", javaScriptEnabled: false });
  await context.addCookies(await signedIn.context().cookies());
  const page = await context.newPage();
  screenshotOnFailure(page);
  return page;
}

/** The same form submitted in a browser without JavaScript: a plain GET; returns the query string reached. */
async function submitWithoutScript(page: Page, button: string, until: (url: URL) => boolean): Promise<string> {
  await page.getByRole("main").getByRole("button", { name: button, exact: true }).click();
  await page.waitForURL(until);
  return new URL(page.url()).search;
}

async function staffPage(email: string): Promise<Page> {
  const page = await newPage();
  screenshotOnFailure(page);
  await openStaffSession(page, email);
  return page;
}

const attempts = (page: Page) => page.getByRole("article", { name: /^Tentative du / });

describe("back-office filter forms", () => {
  it("attempts: the filters apply by client navigation, under the URL a plain GET gives, and show what is applied", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    await openStaffMenu(page, "Tentatives");
    await page.getByLabel("Courriel du parent").fill(parentEmail);
    const filtered = await submit(page, "Filtrer", (url) => url.searchParams.get("email") === parentEmail);
    expect(filtered).toMatchObject({ sameDocument: true, documentRequests: 0, focused: "Filtrer" });
    // Every field is in the URL, blank ones included, as the plain GET form sent them.
    expect(filtered.search).toBe(`?email=${encodeURIComponent(parentEmail)}&student=&from=&to=&outcome=failed`);
    await attempts(page).filter({ hasText: parentEmail }).first().waitFor({ state: "visible" });
    expect(await attempts(page).count()).toBe(1);
    await page.getByRole("status").filter({ hasText: "1 à 1 sur 1" }).waitFor({ state: "visible" });
    await expectNoAxeViolations(page, "attempts, filtered by a client navigation");

    await page.getByLabel("Résultat").selectOption({ label: "Toutes les tentatives" });
    const all = await submit(page, "Filtrer", (url) => url.searchParams.get("outcome") === "all");
    expect(all).toMatchObject({ sameDocument: true, documentRequests: 0 });
    expect(new URL(page.url()).searchParams.get("email")).toBe(parentEmail);

    // "Effacer les filtres" is a link: the fields show that no filter applies any more, and back shows them again.
    await page.getByRole("link", { name: "Effacer les filtres" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/tentatives" && url.search === "");
    await expect.poll(() => page.getByLabel("Courriel du parent").inputValue()).toBe("");
    expect(await page.getByLabel("Résultat").inputValue()).toBe("failed");
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get("outcome") === "all");
    await expect.poll(() => page.getByLabel("Courriel du parent").inputValue()).toBe(parentEmail);
    expect(await page.getByLabel("Résultat").inputValue()).toBe("all");
    await page.context().close();
  });

  it("attempts: a word of one or two letters finds a name's word by its start; nothing to search says what to type", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    // The parent typed the record's name, "Côté, Léa-Rose": "Ro" starts a word of it, "ot" is only inside one.
    const filtered = (student: string) => `/admin/tentatives?email=${encodeURIComponent(parentEmail)}&student=${encodeURIComponent(student)}`;
    await page.goto(filtered("Ro"));
    await attempts(page).filter({ hasText: parentEmail }).first().waitFor({ state: "visible" });
    expect(await attempts(page).count()).toBe(1);
    // Nothing found: the status region says so, once (no other line repeats it); nothing to search: it says what to type.
    const status = page.getByRole("main").getByRole("status");
    await page.goto(filtered("ot"));
    expect(await status.innerText()).toBe("Aucune tentative ne correspond à ces filtres.");
    expect(await page.getByRole("main").getByText(/Aucune tentative|Aucun résultat/).count()).toBe(1);
    expect(await attempts(page).count()).toBe(0);
    await page.goto(filtered("é"));
    expect(await status.innerText()).toMatch(/^Tapez au moins deux lettres d'un nom/);
    expect(await page.getByRole("main").getByText("Tapez au moins deux lettres d'un nom").count()).toBe(1);
    expect(await attempts(page).count()).toBe(0);
    await page.context().close();
  });

  it("support tickets: a topic and an assignment filter the queue by client navigation; the reset shows the defaults", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    await openStaffMenu(page, "Demandes d'aide");
    const ticket = page.getByRole("link", { name: reference, exact: true });
    await page.getByLabel("Sujet").selectOption({ label: "NIP" });
    const nip = await submit(page, "Filtrer", (url) => url.searchParams.get("topic") === "nip");
    expect(nip).toMatchObject({ sameDocument: true, documentRequests: 0, focused: "Filtrer" });
    expect(nip.search).toBe("?status=active&topic=nip&assigned=&age=&order=oldest");
    await page.getByRole("table").or(page.getByText("Aucune demande ne correspond à ces filtres.")).first().waitFor({ state: "visible" });
    expect(await ticket.count()).toBe(0);

    await page.getByLabel("Sujet").selectOption({ label: "Association" });
    await submit(page, "Filtrer", (url) => url.searchParams.get("topic") === "association");
    await ticket.waitFor({ state: "visible" });
    await expectNoAxeViolations(page, "tickets, filtered by a client navigation");

    // Assigned to me: the secretary takes the ticket (an entry in the journal too), the filter finds it.
    await ticket.click();
    await page.getByRole("heading", { level: 1, name: `Demande ${reference}` }).waitFor({ state: "visible" });
    await page.getByRole("button", { name: "Me l'assigner" }).click();
    await page.getByRole("button", { name: "Me l'assigner" }).waitFor({ state: "detached" });
    await openStaffMenu(page, "Demandes d'aide");
    await page.getByLabel("Assignation").selectOption({ label: "Assignées à moi" });
    await submit(page, "Filtrer", (url) => url.searchParams.get("assigned") === "me");
    await ticket.waitFor({ state: "visible" });
    // The counts' links keep the filters.
    expect(new URL((await page.getByTestId("count-all").getAttribute("href"))!, page.url()).searchParams.get("assigned")).toBe("me");

    await page.getByRole("main").getByRole("link", { name: "Réinitialiser" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/demandes" && url.search === "");
    await expect.poll(() => page.getByLabel("Assignation").inputValue()).toBe("");
    expect(await page.getByLabel("Sujet").inputValue()).toBe("");
    await page.context().close();
  });

  it("audit journal: an account filter shows its entries by client navigation; clearing empties the field", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    await openStaffMenu(page, "Journal");
    await page.getByLabel("Compte parent (courriel)").fill(parentEmail);
    const filtered = await submit(page, "Filtrer", (url) => url.searchParams.get("account") === parentEmail);
    expect(filtered).toMatchObject({ sameDocument: true, documentRequests: 0, focused: "Filtrer" });
    expect(filtered.search).toBe(`?actor=&action=&student=&account=${encodeURIComponent(parentEmail)}&from=&to=`);
    // The ticket the secretary took above: opened and assigned, both about this account.
    const rows = page.getByRole("table").locator("tbody tr");
    await rows.filter({ hasText: parentEmail }).first().waitFor({ state: "visible" });
    expect(await rows.filter({ hasNotText: parentEmail }).count()).toBe(0);
    await expectNoAxeViolations(page, "audit journal, filtered by a client navigation");

    await page.getByRole("link", { name: "Effacer les filtres" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/journal" && url.search === "");
    await expect.poll(() => page.getByLabel("Compte parent (courriel)").inputValue()).toBe("");
    await page.context().close();
  });

  it("parent accounts, figures and the student search submit by client navigation too", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    await openStaffMenu(page, "Comptes parents");
    await page.getByLabel("Courriel du parent").fill(parentEmail);
    const account = await submit(page, "Chercher", (url) => url.searchParams.get("q") === parentEmail);
    expect(account).toMatchObject({ sameDocument: true, documentRequests: 0, search: `?q=${encodeURIComponent(parentEmail)}` });
    await page.getByRole("main").getByRole("status").getByText(parentEmail).waitFor({ state: "visible" });

    await openStaffMenu(page, "Chiffres");
    await page.getByLabel("Du", { exact: true }).fill("2026-01-02");
    await page.getByLabel("Au", { exact: true }).fill("2026-01-30");
    const figures = await submit(page, "Afficher", (url) => url.searchParams.get("from") === "2026-01-02");
    expect(figures).toMatchObject({ sameDocument: true, documentRequests: 0, search: "?from=2026-01-02&to=2026-01-30" });
    await page.getByText("Du 2 janvier 2026 au 30 janvier 2026").waitFor({ state: "visible" });

    // The search box, then its "clear" link: the box shows the cleared search.
    await openStaffMenu(page, "Élèves");
    await page.getByRole("searchbox", { name: "Rechercher un élève" }).fill("cote lea rose");
    const search = await submit(page, "Rechercher", (url) => url.searchParams.get("q") === "cote lea rose");
    expect(search).toMatchObject({ sameDocument: true, documentRequests: 0, focused: "Rechercher" });
    await page.getByRole("link", { name: `${DEMO_STUDENT.lastName}, ${DEMO_STUDENT.firstName}` }).waitFor({ state: "visible" });
    await page.getByRole("link", { name: "Effacer la recherche et les filtres" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/eleves" && url.search === "");
    await expect.poll(() => page.getByRole("searchbox", { name: "Rechercher un élève" }).inputValue()).toBe("");
    await page.context().close();
  });

  it("without JavaScript, each form is a plain GET to the same URL", async () => {
    const signedIn = await staffPage(DEMO_STAFF.secretary.email);
    const page = await pageWithoutScript(signedIn);

    await page.goto("/admin/tentatives");
    await page.getByLabel("Courriel du parent").fill(parentEmail);
    expect(await submitWithoutScript(page, "Filtrer", (url) => url.searchParams.get("email") === parentEmail)).toBe(
      `?email=${encodeURIComponent(parentEmail)}&student=&from=&to=&outcome=failed`,
    );
    expect(await attempts(page).count()).toBe(1);

    await page.goto("/admin/demandes");
    await page.getByLabel("Sujet").selectOption({ label: "Association" });
    expect(await submitWithoutScript(page, "Filtrer", (url) => url.searchParams.get("topic") === "association")).toBe(
      "?status=active&topic=association&assigned=&age=&order=oldest",
    );
    await page.getByRole("link", { name: reference, exact: true }).waitFor({ state: "visible" });

    await page.goto("/admin/journal");
    await page.getByLabel("Compte parent (courriel)").fill(parentEmail);
    expect(await submitWithoutScript(page, "Filtrer", (url) => url.searchParams.get("account") === parentEmail)).toBe(
      `?actor=&action=&student=&account=${encodeURIComponent(parentEmail)}&from=&to=`,
    );
    await page.getByRole("table").getByRole("row").filter({ hasText: parentEmail }).first().waitFor({ state: "visible" });

    await page.goto("/admin/comptes");
    await page.getByLabel("Courriel du parent").fill(parentEmail);
    expect(await submitWithoutScript(page, "Chercher", (url) => url.searchParams.get("q") === parentEmail)).toBe(`?q=${encodeURIComponent(parentEmail)}`);

    await page.goto("/admin/chiffres");
    await page.getByLabel("Du", { exact: true }).fill("2026-01-02");
    await page.getByLabel("Au", { exact: true }).fill("2026-01-30");
    expect(await submitWithoutScript(page, "Afficher", (url) => url.searchParams.get("from") === "2026-01-02")).toBe("?from=2026-01-02&to=2026-01-30");

    await page.goto("/admin/eleves");
    await page.getByRole("searchbox", { name: "Rechercher un élève" }).fill("cote lea rose");
    await submitWithoutScript(page, "Rechercher", (url) => url.searchParams.get("q") === "cote lea rose");
    await page.getByRole("link", { name: `${DEMO_STUDENT.lastName}, ${DEMO_STUDENT.firstName}` }).waitFor({ state: "visible" });
    await page.context().close();
    await signedIn.context().close();
  });
});

/** Marks the page's status region, to tell later that the region announcing the new results is the same element. */
async function markStatus(page: Page) {
  await page.getByRole("main").getByRole("status").evaluate((element) => element.setAttribute("data-test-mark", "before"));
}

const journalSummary = /^(\d+ actions? affichées?, (du .+ au .+|le .+)\.|Aucune action affichée\.)$/;
const ticketsRange = /^(\d+ à \d+ sur \d+|Aucun résultat)$/;

describe("each filtered page announces what it shows", () => {
  it("a status region, there before a filter changes what it says, tells what the list shows", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    const status = page.getByRole("main").getByRole("status");
    await openStaffMenu(page, "Journal");
    expect(await status.innerText()).toMatch(journalSummary);
    await markStatus(page);
    await page.getByLabel("Compte parent (courriel)").fill(parentEmail);
    await submit(page, "Filtrer", (url) => url.searchParams.get("account") === parentEmail);
    await page.getByRole("table").locator("tbody tr").filter({ hasText: parentEmail }).first().waitFor({ state: "visible" });
    // The same element (a live region announces a change of its content, not its own appearance), about the new list.
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    expect(await status.innerText()).toMatch(/^\d+ actions? affichées?, (du .+ au .+|le .+)\.$/);
    await expectNoAxeViolations(page, "audit journal, filtered, its status");

    await openStaffMenu(page, "Demandes d'aide");
    expect(await status.innerText()).toMatch(ticketsRange);
    await markStatus(page);
    await page.getByLabel("Sujet").selectOption({ label: "Association" });
    await submit(page, "Filtrer", (url) => url.searchParams.get("topic") === "association");
    await page.getByRole("link", { name: reference, exact: true }).waitFor({ state: "visible" });
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    expect(await status.innerText()).toMatch(/^1 à \d+ sur \d+$/);
    await expectNoAxeViolations(page, "tickets, filtered, its status");
    await page.context().close();
  });

  it("attempts: another list with the same range is announced again", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    const status = page.getByRole("main").getByRole("status");
    await page.goto(`/admin/tentatives?email=${encodeURIComponent(parentEmail)}`);
    expect(await status.innerText()).toBe("1 à 1 sur 1");
    await markStatus(page);
    await status.locator("span").evaluate((element) => element.setAttribute("data-test-mark", "before"));
    // "Ro" starts a word of the name the parent typed: the same attempt, so the same "1 à 1 sur 1".
    await page.getByLabel("Élève (fiche, code permanent ou nom)").fill("Ro");
    await submit(page, "Filtrer", (url) => url.searchParams.get("student") === "Ro");
    // The region is the same element; its text is new, so that a screen reader reads it again.
    await expect.poll(() => status.locator("span").getAttribute("data-test-mark")).toBeNull();
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    expect(await status.innerText()).toBe("1 à 1 sur 1");
    await page.context().close();
  });

  it("parent accounts: the region is there before a search and tells what each search found, nothing included", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    const status = page.getByRole("main").getByRole("status");
    await openStaffMenu(page, "Comptes parents");
    expect(await status.innerText()).toBe("Aucune recherche pour l'instant.");
    await markStatus(page);
    await page.getByLabel("Courriel du parent").fill(parentEmail);
    await submit(page, "Chercher", (url) => url.searchParams.get("q") === parentEmail);
    // A whole address: the region says whether an account uses it, once (no other line says it again), and the
    // account's link follows.
    await expect.poll(() => status.innerText()).toBe(`Un compte existe avec l'adresse ${parentEmail}.`);
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    expect(await page.getByRole("main").getByText(parentEmail).count()).toBe(1);
    await page.getByRole("main").getByRole("link", { name: "Ouvrir le compte" }).waitFor({ state: "visible" });
    await expectNoAxeViolations(page, "parent accounts, found, its status");

    // Part of an address: how many accounts contain it.
    const part = parentEmail.split("@")[0]!;
    await page.getByLabel("Courriel du parent").fill(part);
    await submit(page, "Chercher", (url) => url.searchParams.get("q") === part);
    await expect.poll(() => status.innerText()).toBe(`1 compte trouvé pour « ${part} ».`);
    expect(await status.getAttribute("data-test-mark")).toBe("before");

    // Too short to search: the region says why nothing is listed, as the field's hint does.
    await page.getByLabel("Courriel du parent").fill("fi");
    await submit(page, "Chercher", (url) => url.searchParams.get("q") === "fi");
    await expect.poll(() => status.innerText()).toBe("« fi » est trop court : tapez au moins 3 caractères de l'adresse, ou l'adresse complète.");
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    expect(await page.getByRole("main").getByText("L'adresse complète, ou une partie (3 caractères au moins).").count()).toBe(1);
    expect(await page.getByRole("heading", { name: "Comptes trouvés" }).count()).toBe(0);

    await page.getByLabel("Courriel du parent").fill("personne-nulle-part");
    await submit(page, "Chercher", (url) => url.searchParams.get("q") === "personne-nulle-part");
    await expect.poll(() => status.innerText()).toBe("Aucun compte trouvé pour « personne-nulle-part ».");
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    await expectNoAxeViolations(page, "parent accounts, nothing found, its status");

    await page.getByLabel("Courriel du parent").fill("");
    await submit(page, "Chercher", (url) => url.searchParams.get("q") === "");
    await expect.poll(() => status.innerText()).toBe("Aucune recherche pour l'instant.");
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    await page.context().close();
  });

  it("figures: the region tells the period and the scope the figures cover, and the new ones after a filter", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    const status = page.getByRole("main").getByRole("status");
    await openStaffMenu(page, "Chiffres");
    // A secretary of one school reads its name.
    expect(await status.innerText()).toMatch(/^Du .+ au .+ · /);
    expect((await status.innerText()).split(" · ")[1]).toBe(secretarySchool.name);
    await markStatus(page);
    await page.getByLabel("Du", { exact: true }).fill("2026-01-02");
    await page.getByLabel("Au", { exact: true }).fill("2026-01-30");
    await submit(page, "Afficher", (url) => url.searchParams.get("from") === "2026-01-02");
    await expect.poll(() => status.innerText()).toBe(`Du 2 janvier 2026 au 30 janvier 2026 · ${secretarySchool.name}`);
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    await expectNoAxeViolations(page, "figures, filtered, its status");
    await page.context().close();
  });

  it("figures: board support reads the name of their board", async () => {
    const page = await staffPage(DEMO_STAFF.boardSupport.email);
    await page.goto("/admin/chiffres?from=2026-01-02&to=2026-01-30");
    expect(await page.getByRole("main").getByRole("status").innerText()).toBe(`Du 2 janvier 2026 au 30 janvier 2026 · ${board.name}`);
    await page.context().close();
  });

  it("student search: another page with the same summary is announced again", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    const status = page.getByRole("main").getByRole("status");
    await page.goto("/admin/eleves");
    await waitForHydration(page);
    const summary = await status.innerText();
    expect(summary).toMatch(/^\d+ élèves trouvés\.$/);
    await markStatus(page);
    await status.locator(":scope > *").evaluate((element) => element.setAttribute("data-test-mark", "before"));
    await page.getByRole("main").getByRole("link", { name: "Suivants →" }).click();
    await page.waitForURL((url) => url.searchParams.get("page") === "2");
    // The region is the same element; its text is new, so that a screen reader reads it again.
    await expect.poll(() => status.locator(":scope > *").getAttribute("data-test-mark")).toBeNull();
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    expect(await status.innerText()).toBe(summary);
    await page.context().close();
  });

  it("in English, the accounts' and the figures' regions (an admin: every board, then one)", async () => {
    const page = await newPage();
    screenshotOnFailure(page);
    // Signed in in French (the sign-in helpers read the French form), then in English.
    await openStaffSession(page, DEMO_STAFF.admin.email);
    await page.context().addCookies([{ name: "locale", value: "en", url: e2eBaseURL() }]);
    const status = page.getByRole("main").getByRole("status");
    await page.goto("/admin/comptes");
    expect(await status.innerText()).toBe("No search yet.");
    await markStatus(page);
    await page.getByLabel("Parent's email").fill("nobody-anywhere");
    await submit(page, "Search", (url) => url.searchParams.get("q") === "nobody-anywhere");
    await expect.poll(() => status.innerText()).toBe("No account found for “nobody-anywhere”.");
    expect(await status.getAttribute("data-test-mark")).toBe("before");

    await page.goto("/admin/chiffres?from=2026-01-02&to=2026-01-30");
    expect(await status.innerText()).toBe("From January 2, 2026 to January 30, 2026 · All boards");
    await markStatus(page);
    await page.getByLabel("School board", { exact: true }).selectOption({ label: board.name });
    await submit(page, "Show", (url) => url.searchParams.has("board"));
    await expect.poll(() => status.innerText()).toBe(`From January 2, 2026 to January 30, 2026 · ${board.name}`);
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    await expectNoAxeViolations(page, "figures of one board, in English, its status");
    await page.context().close();
  });

  it("without JavaScript too", async () => {
    const signedIn = await staffPage(DEMO_STAFF.secretary.email);
    const page = await pageWithoutScript(signedIn);
    await page.goto("/admin/comptes");
    expect(await page.getByRole("main").getByRole("status").innerText()).toBe("Aucune recherche pour l'instant.");
    await page.goto("/admin/comptes?q=personne-nulle-part");
    expect(await page.getByRole("main").getByRole("status").innerText()).toBe("Aucun compte trouvé pour « personne-nulle-part ».");
    await page.goto("/admin/chiffres?from=2026-01-02&to=2026-01-30");
    expect(await page.getByRole("main").getByRole("status").innerText()).toBe(`Du 2 janvier 2026 au 30 janvier 2026 · ${secretarySchool.name}`);
    await page.goto("/admin/journal");
    await page.getByLabel("Compte parent (courriel)").fill(parentEmail);
    await submitWithoutScript(page, "Filtrer", (url) => url.searchParams.get("account") === parentEmail);
    expect(await page.getByRole("main").getByRole("status").innerText()).toMatch(/^\d+ actions? affichées?, (du .+ au .+|le .+)\.$/);
    await page.goto("/admin/demandes?topic=association");
    expect(await page.getByRole("main").getByRole("status").innerText()).toMatch(/^1 à \d+ sur \d+$/);
    await page.context().close();
    await signedIn.context().close();
  });
});

/**
 * Holds the page's client navigations to `pathname` (its RSC requests) until `release()`: what the filter form shows
 * while the server is slow. `requested` lists every such navigation's request, held or made after the release.
 */
async function holdNavigations(page: Page, pathname: string) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const isNavigation = (request: Request) => new URL(request.url()).pathname === pathname && request.headers()["rsc"] === "1";
  const requested: string[] = [];
  page.on("request", (request) => {
    if (isNavigation(request)) requested.push(request.url());
  });
  const matcher = (url: URL) => url.pathname === pathname;
  const handler = async (route: Route) => {
    if (isNavigation(route.request())) await gate;
    await route.fallback();
  };
  await page.route(matcher, handler);
  return {
    requested,
    release: async () => {
      open();
      await page.unroute(matcher, handler);
    },
  };
}

/** The form's state as a screen reader and the test see it: busy or not, the button's text, whether it has the focus. */
async function formState(form: Locator) {
  return form.evaluate((element) => {
    const button = element.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    return {
      busy: element.getAttribute("aria-busy"),
      button: button.textContent,
      buttonDisabled: button.getAttribute("aria-disabled"),
      focused: document.activeElement === button,
    };
  });
}

describe("filter forms while the results are on their way", () => {
  it("journal: the form is busy and its button says so until the results show, a double click navigates once", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    await openStaffMenu(page, "Journal");
    const form = page.getByRole("form", { name: "Filtres du journal" });
    const historyLength = await page.evaluate(() => history.length);

    await page.getByLabel("Compte parent (courriel)").fill(parentEmail);
    const slow = await holdNavigations(page, "/admin/journal");
    await form.getByRole("button", { name: "Filtrer", exact: true }).dblclick();
    await expect.poll(() => formState(form)).toEqual({ busy: "true", button: "Recherche…", buttonDisabled: "true", focused: true });
    // Enter on the focused button while the first submit is under way: ignored too.
    await page.keyboard.press("Enter");
    await expectNoAxeViolations(page, "audit journal, a filter under way");
    expect(new URL(page.url()).searchParams.get("account")).toBeNull();
    expect(await formState(form)).toEqual({ busy: "true", button: "Recherche…", buttonDisabled: "true", focused: true });
    expect(slow.requested).toHaveLength(1);

    await slow.release();
    await page.waitForURL((url) => url.searchParams.get("account") === parentEmail);
    await expect.poll(() => formState(form)).toEqual({ busy: null, button: "Filtrer", buttonDisabled: null, focused: true });
    // The filtered page (its "clear" link shows when a filter applies), by one navigation.
    await page.getByRole("link", { name: "Effacer les filtres" }).waitFor({ state: "visible" });
    expect(slow.requested).toHaveLength(1);
    expect(await page.evaluate(() => history.length)).toBe(historyLength + 1);
    await expectNoAxeViolations(page, "audit journal, filtered");
    await page.context().close();
  });

  it("support tickets: two submits in a row navigate once; the same filters again are pending until the page is back", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    await openStaffMenu(page, "Demandes d'aide");
    const form = page.getByRole("form", { name: "Filtrer les demandes" });
    const status = page.getByRole("main").getByRole("status");
    await markStatus(page);

    await page.getByLabel("Sujet").selectOption({ label: "NIP" });
    let slow = await holdNavigations(page, "/admin/demandes");
    // Two submits in the same task, before React has rendered anything: the second is ignored all the same.
    await form.evaluate((element: HTMLFormElement) => {
      element.requestSubmit();
      element.requestSubmit();
    });
    await expect.poll(() => formState(form)).toMatchObject({ busy: "true", button: "Recherche…" });
    await expect.poll(() => slow.requested.length).toBe(1);
    await slow.release();
    await page.waitForURL((url) => url.searchParams.get("topic") === "nip");
    await expect.poll(() => formState(form)).toMatchObject({ busy: null, button: "Filtrer" });
    expect(slow.requested).toHaveLength(1);
    expect(new URL(page.url()).search).toBe("?status=active&topic=nip&assigned=&age=&order=oldest");
    expect(await status.getAttribute("data-test-mark")).toBe("before");
    expect(await status.innerText()).toMatch(ticketsRange);

    // The same filters submitted again: the page is asked for again, and the form is busy until it is back.
    slow = await holdNavigations(page, "/admin/demandes");
    await form.getByRole("button", { name: "Filtrer", exact: true }).click();
    await expect.poll(() => formState(form)).toEqual({ busy: "true", button: "Recherche…", buttonDisabled: "true", focused: true });
    await expect.poll(() => slow.requested.length).toBe(1);
    await slow.release();
    await expect.poll(() => formState(form)).toEqual({ busy: null, button: "Filtrer", buttonDisabled: null, focused: true });
    expect(slow.requested).toHaveLength(1);

    await page.context().close();
  });

  it("a link followed while a filter is under way takes over: the form is not left busy and submits again", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    await openStaffMenu(page, "Demandes d'aide");
    const form = page.getByRole("form", { name: "Filtrer les demandes" });
    await page.getByLabel("Sujet").selectOption({ label: "NIP" });
    const slow = await holdNavigations(page, "/admin/demandes");
    await form.getByRole("button", { name: "Filtrer", exact: true }).click();
    await expect.poll(() => formState(form)).toMatchObject({ busy: "true", button: "Recherche…" });
    // "Réinitialiser" while the filter's page is held: the reset's navigation is held too, then both are let through.
    await page.getByRole("main").getByRole("link", { name: "Réinitialiser" }).click();
    await expect.poll(() => slow.requested.length).toBe(2);
    await slow.release();
    await page.waitForURL((url) => url.pathname === "/admin/demandes" && url.search === "");
    await expect.poll(() => formState(form)).toMatchObject({ busy: null, button: "Filtrer", buttonDisabled: null });

    await page.getByLabel("Sujet").selectOption({ label: "Association" });
    const association = await submit(page, "Filtrer", (url) => url.searchParams.get("topic") === "association");
    expect(association).toMatchObject({ sameDocument: true, documentRequests: 0, focused: "Filtrer" });
    await page.context().close();
  });
});

describe("a filter form's reset link", () => {
  it("shows the filters applied once it is followed, also when the list it leads to is the one shown", async () => {
    const page = await staffPage(DEMO_STAFF.secretary.email);
    // Each form: where it is, a field edited and not submitted, its reset link. The attempts screen twice: unfiltered,
    // and under another URL with the same filters (the default outcome written out).
    const forms = [
      { at: "/admin/tentatives", field: "Courriel du parent", link: "Effacer les filtres" },
      { at: "/admin/tentatives?outcome=failed", field: "Courriel du parent", link: "Effacer les filtres" },
      { at: "/admin/demandes", field: "Sujet", link: "Réinitialiser" },
      { at: "/admin/eleves", field: "Rechercher un élève", link: "Effacer la recherche et les filtres" },
    ];
    for (const { at, field, link } of forms) {
      await page.goto(at);
      await waitForHydration(page);
      await page.evaluate(() => {
        (window as unknown as { filterFormMark?: boolean }).filterFormMark = true;
      });
      const target = new URL(page.url()).pathname;
      const input = page.getByLabel(field, { exact: true });
      if (field === "Sujet") await input.selectOption({ label: "NIP" });
      else await input.fill("zzz");
      if (at.startsWith("/admin/tentatives")) await page.getByLabel("Résultat").selectOption({ label: "Toutes les tentatives" });
      await page.getByRole("main").getByRole("link", { name: link, exact: true }).click();
      await page.waitForURL((url) => url.pathname === target && url.search === "");
      // A client navigation: the page's document is the same.
      expect(await page.evaluate(() => (window as unknown as { filterFormMark?: boolean }).filterFormMark)).toBe(true);
      await expect.poll(() => input.inputValue(), { timeout: 15_000, message: `${field} on ${at} after "${link}"` }).toBe("");
      if (at.startsWith("/admin/tentatives")) expect(await page.getByLabel("Résultat").inputValue()).toBe("failed");
      // Not left busy: the form submits again.
      const form = page.locator("main form").first();
      await expect.poll(() => form.getAttribute("aria-busy")).toBeNull();
    }
    await page.context().close();
  });
});
