import { describe, expect, it } from "vitest";
import { checkAttachments, MAX_ATTACHMENT_BYTES, safeFileName } from "@/lib/support/attachments";
import { inboundText, senderAddress } from "@/lib/support/email-body";
import { linkTicket, type AttemptRef, type RecordRef } from "@/lib/support/linking";
import { formatTicketReference, parseTicketReference } from "@/lib/support/reference";
import { referencedMessageIds, replyAddressFor, ticketNumberFromAddresses } from "@/lib/support/reply-address";
import { fillSavedReply } from "@/lib/support/saved-reply";
import { helpLinkFor, parseFailedAt } from "@/lib/support/topics";
import { dueForAutoClose, nextStatus } from "@/lib/support/workflow";

const now = new Date("2026-11-20T15:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
const record = (studentId: number, schoolId: number, boardId: number): RecordRef => ({ studentId, schoolId, boardId });
const attempt = (id: string, values: Partial<AttemptRef> = {}): AttemptRef => ({
  id,
  createdAt: daysAgo(1),
  boardId: 7,
  success: false,
  candidate: null,
  ...values,
});
const none = { attempts: [], recordsWithEmail: [], recordsWithTypedFiche: [], chosenBoardId: null, now };

describe("linking and routing a ticket", () => {
  it("goes to the service-centre queue when nothing ties it to a board", () => {
    expect(linkTicket(none)).toEqual({ attemptIds: [], students: [], route: { schoolId: null, boardId: null } });
  });

  it("routes to the school of the record a failed attempt was about, and links the attempt", () => {
    const linked = linkTicket({ ...none, attempts: [attempt("a1", { candidate: record(10, 100, 7) })] });
    expect(linked.attemptIds).toEqual(["a1"]);
    expect(linked.students).toEqual([{ studentId: 10, reason: "attempt" }]);
    expect(linked.route).toEqual({ schoolId: 100, boardId: 7 });
  });

  it("prefers the fiche the parent typed over the attempts and the email on record", () => {
    const linked = linkTicket({
      ...none,
      attempts: [attempt("a1", { candidate: record(10, 100, 7) })],
      recordsWithEmail: [record(11, 101, 7)],
      recordsWithTypedFiche: [record(12, 102, 7)],
      chosenBoardId: 7,
    });
    expect(linked.students.map((s) => [s.studentId, s.reason])).toEqual([
      [12, "typed_fiche"],
      [10, "attempt"],
      [11, "email_on_record"],
    ]);
    expect(linked.route.schoolId).toBe(102);
  });

  it("keeps the board the parent chose even when records elsewhere carry the email", () => {
    const linked = linkTicket({ ...none, recordsWithEmail: [record(11, 101, 7)], chosenBoardId: 9 });
    expect(linked.students).toEqual([{ studentId: 11, reason: "email_on_record" }]);
    expect(linked.route).toEqual({ schoolId: null, boardId: 9 });
  });

  it("infers the board from a failed attempt without a record", () => {
    expect(linkTicket({ ...none, attempts: [attempt("a1", { boardId: 5 })] }).route).toEqual({ schoolId: null, boardId: 5 });
  });

  it("links a record once, and ignores attempts older than 30 days", () => {
    const linked = linkTicket({
      ...none,
      attempts: [attempt("a1", { candidate: record(10, 100, 7) }), attempt("old", { createdAt: daysAgo(45), candidate: record(13, 103, 7) })],
      recordsWithEmail: [record(10, 100, 7)],
    });
    expect(linked.attemptIds).toEqual(["a1"]);
    expect(linked.students).toEqual([{ studentId: 10, reason: "attempt" }]);
  });

  it("does not link a typed fiche found in several boards when no board was chosen", () => {
    const linked = linkTicket({ ...none, recordsWithTypedFiche: [record(1, 1, 1), record(2, 2, 2)] });
    expect(linked.students).toEqual([]);
    expect(linked.route).toEqual({ schoolId: null, boardId: null });
  });

  it("links successful attempts as history but routes by the failed ones", () => {
    const linked = linkTicket({ ...none, attempts: [attempt("ok", { success: true, candidate: record(10, 100, 7) })] });
    expect(linked.attemptIds).toEqual(["ok"]);
    expect(linked.students).toEqual([]);
    expect(linked.route).toEqual({ schoolId: null, boardId: null });
  });
});

describe("ticket references and reply addresses", () => {
  it("formats and reads a reference", () => {
    expect(formatTicketReference(42)).toBe("D-000042");
    expect(parseTicketReference("Re: Réponse à votre demande D-000042")).toBe(42);
    expect(parseTicketReference("rien")).toBeNull();
  });

  it("threads a reply by its address only when the MAC matches", () => {
    const address = replyAddressFor(42, "soutien@portail.example", "secret-de-test-1234");
    expect(address).toMatch(/^soutien\+42-[0-9a-f]{16}@portail\.example$/);
    expect(ticketNumberFromAddresses([`Soutien <${address}>`], "secret-de-test-1234")).toBe(42);
    expect(ticketNumberFromAddresses([address.replace("+42-", "+43-")], "secret-de-test-1234")).toBeNull();
    expect(ticketNumberFromAddresses([address], "un-autre-secret-5678")).toBeNull();
    expect(ticketNumberFromAddresses(["soutien@portail.example"], "secret-de-test-1234")).toBeNull();
  });

  it("reads In-Reply-To then References, most recent first", () => {
    expect(referencedMessageIds({ "In-Reply-To": "<b@x>", References: "<a@x> <b@x>" })).toEqual(["<b@x>", "<a@x>"]);
    expect(referencedMessageIds(null)).toEqual([]);
  });
});

describe("saved replies", () => {
  it("fills known placeholders and leaves missing ones visible", () => {
    const body = "Bonjour, le dossier de {prenom_enfant} est corrigé. Appelez {ecole} au {telephone_ecole}. {inconnu}";
    expect(fillSavedReply(body, { prenom_enfant: "Léa-Rose", ecole: "École des Cèdres", telephone_ecole: null })).toBe(
      "Bonjour, le dossier de Léa-Rose est corrigé. Appelez École des Cèdres au {telephone_ecole}. {inconnu}",
    );
  });
});

describe("workflow", () => {
  it("moves new → open → waiting → resolved, and a parent's message reopens", () => {
    expect(nextStatus("new", { kind: "staff_opened" })).toBe("open");
    expect(nextStatus("open", { kind: "staff_opened" })).toBeNull();
    expect(nextStatus("open", { kind: "staff_replied", resolve: false })).toBe("waiting");
    expect(nextStatus("waiting", { kind: "staff_replied", resolve: true })).toBe("resolved");
    expect(nextStatus("waiting", { kind: "parent_wrote" })).toBe("open");
    expect(nextStatus("resolved", { kind: "parent_wrote" })).toBe("open");
    expect(nextStatus("new", { kind: "parent_wrote" })).toBe("new");
    expect(nextStatus("open", { kind: "auto_closed" })).toBeNull();
  });

  it("closes a waiting ticket after the configured days only", () => {
    expect(dueForAutoClose({ status: "waiting", waitingSince: daysAgo(7) }, now, 7)).toBe(true);
    expect(dueForAutoClose({ status: "waiting", waitingSince: daysAgo(6) }, now, 7)).toBe(false);
    expect(dueForAutoClose({ status: "open", waitingSince: daysAgo(30) }, now, 7)).toBe(false);
  });
});

describe("failure screens' help links", () => {
  it("carry the failed step and when, and open the matching help", () => {
    const link = helpLinkFor("association_refused", now);
    expect(link).toBe(`/aide?etape=association_refused&quand=${encodeURIComponent(now.toISOString())}#noMatch`);
    expect(parseFailedAt(now.toISOString(), now)).toEqual(now);
    expect(parseFailedAt("2020-01-01T00:00:00Z", now)).toBeNull();
    expect(parseFailedAt("n'importe quoi", now)).toBeNull();
  });
});

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

describe("attachments", () => {
  it("accepts PNG and PDF by their bytes, with a safe name", async () => {
    const result = await checkAttachments([
      { name: "../../capture écran.PNG", bytes: png },
      { name: "bulletin.pdf", bytes: pdf },
    ]);
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ["capture écran.png", "image/png"],
      ["bulletin.pdf", "application/pdf"],
    ]);
  });

  it("refuses a .png that holds HTML, too many files, and a file over 5 MB", async () => {
    const html = new TextEncoder().encode("<html><script>alert(1)</script></html>");
    expect(await checkAttachments([{ name: "capture.png", bytes: html }])).toEqual({ ok: false, problem: "attachmentType", fileName: "capture.png" });
    expect(await checkAttachments([1, 2, 3, 4].map((i) => ({ name: `${i}.png`, bytes: png })))).toEqual({ ok: false, problem: "tooManyAttachments" });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(png);
    expect(await checkAttachments([{ name: "grosse.png", bytes: big }])).toMatchObject({ ok: false, problem: "attachmentTooLarge" });
  });

  it("keeps no quote or path in a file name", () => {
    expect(safeFileName('a"b;c\\d/e.exe', "image/png")).toBe("e.png");
    expect(safeFileName("", "application/pdf")).toBe("piece-jointe.pdf");
  });
});

describe("inbound email bodies", () => {
  it("keep text only: HTML is reduced to characters, scripts dropped", () => {
    expect(inboundText({ text: null, html: "<p>Bonjour<br>je <b>n'arrive</b> pas</p><script>alert(1)</script><img src=x onerror=alert(2)>" })).toBe(
      "Bonjour\nje n'arrive pas",
    );
    expect(inboundText({ text: "  Allo\r\n\r\n\r\n\r\nmerci ", html: "<p>ignoré</p>" })).toBe("Allo\n\nmerci");
    expect(senderAddress("Marie Tremblay <Marie.T@Exemple.ca>")).toBe("marie.t@exemple.ca");
  });
});
