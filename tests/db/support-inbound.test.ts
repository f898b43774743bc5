import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHmac, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { emailOutbox, supportTicketAttachments, supportTicketMessages, supportTickets } from "@/db/schema";
import { createSupportTicket, replyAddressOf } from "@/db/queries/support-tickets";
import { replyToTicket } from "@/db/queries/support-desk";
import { handleInboundWebhook } from "@/lib/email/inbound";
import { createParent } from "@/tests/helpers/accounts";
import { startResendMock, type ResendMock } from "@/tests/helpers/resend-mock";
import { createBoardWithSchool, createStudent } from "@/tests/helpers/school-fixtures";
import { secretaryOf } from "@/tests/helpers/staff-fixtures";

const secretBytes = randomBytes(24);
const secret = `whsec_${secretBytes.toString("base64")}`;
let mock: ResendMock;
let sequence = 0;

beforeAll(async () => {
  mock = await startResendMock();
});
afterAll(() => mock.close());

const config = () => ({ secret, apiKey: "re_test_key", baseUrl: mock.url });

function webhook(emailId: string, key = secretBytes, svixId = `msg_${randomBytes(6).toString("hex")}`) {
  const payload = JSON.stringify({
    type: "email.received",
    created_at: new Date().toISOString(),
    data: {
      email_id: emailId,
      created_at: new Date().toISOString(),
      from: "x",
      to: ["soutien@portail-parents.example"],
      bcc: [],
      cc: [],
      received_for: [],
      message_id: "<m@x>",
      subject: "s",
      attachments: [],
    },
  });
  const timestamp = Math.floor(Date.now() / 1000).toString();
  const signature = createHmac("sha256", key).update(`${svixId}.${timestamp}.${payload}`).digest("base64");
  return new Request("http://localhost/api/support-inbound", {
    method: "POST",
    headers: { "content-type": "application/json", "svix-id": svixId, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}` },
    body: payload,
  });
}

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);

function inboundEmail(values: { from: string; to?: string[]; text?: string | null; html?: string | null; headers?: Record<string, string>; attachments?: { id: string; filename: string; contentType: string; bytes: Uint8Array }[] }) {
  sequence += 1;
  const id = `inbound-${sequence}-${randomBytes(4).toString("hex")}`;
  mock.receive({
    id,
    from: values.from,
    to: values.to ?? ["soutien@portail-parents.example"],
    subject: "Problème avec le portail",
    text: values.text === undefined ? "Bonjour, je n'arrive pas à associer ma fille." : values.text,
    html: values.html ?? null,
    messageId: `<${id}@mail.exemple.ca>`,
    headers: values.headers,
    attachments: values.attachments,
  });
  return id;
}

const ticketsOf = (email: string) => db.select().from(supportTickets).where(eq(supportTickets.email, email));

describe("inbound email (email.received)", () => {
  it("refuses a webhook with a bad signature: 401, nothing read, nothing stored", async () => {
    const id = inboundEmail({ from: "mauvais@exemple.ca" });
    const before = mock.receivingRequests.length;
    const response = await handleInboundWebhook(webhook(id, randomBytes(24)), config());
    expect(response.status).toBe(401);
    expect(mock.receivingRequests.length).toBe(before);
    expect(await ticketsOf("mauvais@exemple.ca")).toEqual([]);
  });

  it("opens a ticket linked to the account with that address, keeps valid attachments, drops a disguised one, and shows HTML as text", async () => {
    const { school } = await createBoardWithSchool();
    await createStudent(school, { guardianEmails: ["marie@exemple.ca"] });
    const parent = await createParent("marie@exemple.ca");
    const id = inboundEmail({
      from: "Marie Tremblay <Marie@Exemple.ca>",
      text: null,
      html: "<p>Bonjour<br>voici une capture</p><script>alert(1)</script>",
      attachments: [
        { id: "att-1", filename: "capture.png", contentType: "image/png", bytes: png },
        { id: "att-2", filename: "faux.png", contentType: "image/png", bytes: new TextEncoder().encode("<html><script>alert(1)</script></html>") },
      ],
    });
    const response = await handleInboundWebhook(webhook(id), config());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ applied: true, result: "created" });

    const [ticket] = await ticketsOf("marie@exemple.ca");
    expect(ticket).toMatchObject({ source: "email", parentAccountId: parent.id, schoolId: school.id, status: "new" });
    const messages = await db.select().from(supportTicketMessages).where(eq(supportTicketMessages.ticketId, ticket!.id));
    expect(messages.find((m) => m.kind === "parent")!.body).toBe("Bonjour\nvoici une capture");
    expect(messages.find((m) => m.kind === "system")!.systemEvent).toEqual({ code: "attachmentsRefused", params: { count: 1 } });
    const attachments = await db.select().from(supportTicketAttachments).where(eq(supportTicketAttachments.ticketId, ticket!.id));
    expect(attachments.map((a) => [a.fileName, a.contentType])).toEqual([["capture.png", "image/png"]]);
    const [ack] = await db.select().from(emailOutbox).where(and(eq(emailOutbox.to, "marie@exemple.ca"), eq(emailOutbox.template, "support-received")));
    expect(ack).toBeDefined();
  });

  it("stores nothing twice when the same webhook is delivered twice", async () => {
    const id = inboundEmail({ from: "deux.fois@exemple.ca" });
    expect((await handleInboundWebhook(webhook(id), config())).status).toBe(200);
    const readsAfterFirst = mock.receivingRequests.length;
    const again = await handleInboundWebhook(webhook(id), config());
    expect(await again.json()).toMatchObject({ applied: false, duplicate: true });
    expect(mock.receivingRequests.length).toBe(readsAfterFirst);
    expect(await ticketsOf("deux.fois@exemple.ca")).toHaveLength(1);
    expect(await db.$count(supportTicketMessages, eq(supportTicketMessages.inboundEmailId, id))).toBe(1);
  });

  it("lands a reply on its ticket by the reply address, reopening it", async () => {
    const { school } = await createBoardWithSchool();
    await createStudent(school, { guardianEmails: ["jean@exemple.ca"] });
    const created = await createSupportTicket({ parentAccountId: null, email: "jean@exemple.ca", topic: "association", message: "Refusé." });
    if (!created.ok) throw new Error("refused");
    const secretary = await secretaryOf(school);
    await replyToTicket(secretary.scope, secretary.staff.id, created.id, { body: "Réessayez.", resolve: false });

    // Sent from another address (a phone's), but to the ticket's reply address: the token decides.
    const id = inboundEmail({ from: "jean.cell@exemple.ca", to: [replyAddressOf(created.number)], text: "Toujours refusé." });
    const response = await handleInboundWebhook(webhook(id), config());
    expect(await response.json()).toMatchObject({ result: "appended" });
    const [ticket] = await db.select().from(supportTickets).where(eq(supportTickets.id, created.id));
    expect(ticket!.status).toBe("open");
    expect(await ticketsOf("jean.cell@exemple.ca")).toEqual([]);
  });

  it("threads by In-Reply-To only for mail from the ticket's own address", async () => {
    const { school } = await createBoardWithSchool();
    await createStudent(school, { guardianEmails: ["lea@exemple.ca"] });
    const created = await createSupportTicket({ parentAccountId: null, email: "lea@exemple.ca", topic: "nip", message: "Mon NIP ne marche pas." });
    if (!created.ok) throw new Error("refused");
    const secretary = await secretaryOf(school);
    const reply = await replyToTicket(secretary.scope, secretary.staff.id, created.id, { body: "Voici la marche à suivre.", resolve: false });
    if (!reply.ok) throw new Error("reply refused");
    const [staffMessage] = await db.select().from(supportTicketMessages).where(eq(supportTicketMessages.id, reply.value.messageId));
    const headers = { "In-Reply-To": staffMessage!.emailMessageId!, References: staffMessage!.emailMessageId! };

    const fromParent = inboundEmail({ from: "lea@exemple.ca", headers, text: "Merci, ça marche." });
    expect(await (await handleInboundWebhook(webhook(fromParent), config())).json()).toMatchObject({ result: "appended" });
    const fromStranger = inboundEmail({ from: "intrus@exemple.ca", headers, text: "Je m'invite." });
    expect(await (await handleInboundWebhook(webhook(fromStranger), config())).json()).toMatchObject({ result: "created" });
    expect(await db.$count(supportTicketMessages, and(eq(supportTicketMessages.ticketId, created.id), eq(supportTicketMessages.kind, "parent")))).toBe(2);
  });

  it("answers 404 when no signing secret is configured", async () => {
    const response = await handleInboundWebhook(webhook("x"), { ...config(), secret: undefined });
    expect(response.status).toBe(404);
  });
});
