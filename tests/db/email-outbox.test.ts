import { createHmac, randomBytes } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { emailHistoryFor, listMailbox } from "@/db/queries/email-outbox";
import { POST as emailEventsRoute } from "@/app/api/email-events/route";
import { handleDeliveryWebhook } from "@/lib/email/delivery-events";
import { deliverPendingEmails, deliverSoon, startOutboxWorker } from "@/lib/email/deliver";
import { enqueueEmail } from "@/lib/email/outbox";
import { createEmailTransport } from "@/lib/email/transport";
import { startResendMock, type ResendMock } from "@/tests/helpers/resend-mock";

const from = "Portail Parents <no-reply@portail.test>";
const mailbox = createEmailTransport({ from, mailboxEnabled: true });
let mock: ResendMock;
let resend: ReturnType<typeof createEmailTransport>;

beforeAll(async () => {
  mock = await startResendMock();
  // The real Resend SDK, pointed at the local mock.
  resend = createEmailTransport({ resendApiKey: "re_test_key", resendBaseUrl: mock.url, from, mailboxEnabled: false });
});
afterAll(() => mock.close());
beforeEach(async () => {
  await db.delete(emailOutbox).where(sql`true`);
  mock.received.length = 0;
  mock.succeed();
});

function queueCode(to = "parent@example.com", code = "042917") {
  return enqueueEmail(db, {
    to,
    template: "verification-code",
    locale: "fr",
    params: { code, link: "https://portail.test/inscription/verifier?jeton=t", minutes: 10, purpose: "signup" },
  });
}

async function row(id: string) {
  const [found] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return found!;
}

describe("enqueueEmail", () => {
  it("stores a rendered pending email", async () => {
    const id = await queueCode("Parent@Example.com ");
    const stored = await row(id);
    expect(stored).toMatchObject({ to: "parent@example.com", template: "verification-code", status: "pending", attempts: 0 });
    expect(stored.text).toContain("042917");
    expect(stored.html).toContain("042917");
    expect(stored.subject).not.toContain("042917");
  });

  it("commits or rolls back with the caller's transaction", async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueueEmail(tx, { to: "parent@example.com", template: "account-exists", locale: "en", params: { resetUrl: "https://portail.test/r" } });
        throw new Error("the code insert failed");
      }),
    ).rejects.toThrow("the code insert failed");
    expect(await db.$count(emailOutbox)).toBe(0);
  });
});

describe("delivery to the dev mailbox", () => {
  it("marks the email delivered at once and keeps its body for the mailbox page", async () => {
    const id = await queueCode();
    const report = await deliverPendingEmails({ transport: mailbox });
    expect(report).toMatchObject({ claimed: 1, delivered: 1 });
    const stored = await row(id);
    expect(stored).toMatchObject({ status: "delivered", attempts: 1, lastError: null });
    expect(stored.deliveredAt).toBeInstanceOf(Date);
    expect(stored.text).toContain("042917");
    const [shown] = await listMailbox({ to: "PARENT@example.com" });
    expect(shown).toMatchObject({ id, status: "delivered" });
    expect(shown!.text).toContain("042917");
  });

  it("filters the mailbox by recipient, newest first", async () => {
    await queueCode("a@example.com", "111111");
    await queueCode("b@example.com", "222222");
    await queueCode("a@example.com", "333333");
    const forA = await listMailbox({ to: "a@example.com" });
    expect(forA.map((m) => m.text!.match(/\d{6}/)![0])).toEqual(["333333", "111111"]);
    expect(await listMailbox()).toHaveLength(3);
  });
});

describe("delivery through Resend", () => {
  it("sends with the real client, records the provider id and clears the bodies", async () => {
    const id = await queueCode();
    const report = await deliverPendingEmails({ transport: resend });
    expect(report).toMatchObject({ claimed: 1, sent: 1 });
    expect(mock.received).toHaveLength(1);
    const request = mock.received[0]!;
    expect(request.headers.authorization).toBe("Bearer re_test_key");
    expect(request.headers["idempotency-key"]).toBe(`outbox-${id}`);
    expect(request.body).toMatchObject({ to: ["parent@example.com"], from });
    expect(request.body.text).toContain("042917");
    const stored = await row(id);
    expect(stored).toMatchObject({ status: "sent", providerMessageId: "re_msg_1", text: null, html: null, lastError: null });
    expect(stored.sentAt).toBeInstanceOf(Date);
  });

  it("keeps the email after a server error and sends it on a later pass: the code is never lost", async () => {
    const id = await queueCode();
    mock.replyWith(() => ({ status: 500, body: { statusCode: 500, name: "internal_server_error", message: "boom" } }));
    const now = new Date();
    expect(await deliverPendingEmails({ transport: resend, now })).toMatchObject({ retrying: 1 });
    let stored = await row(id);
    expect(stored).toMatchObject({ status: "pending", attempts: 1 });
    expect(stored.lastError).toContain("500");
    expect(stored.nextAttemptAt.getTime()).toBe(now.getTime() + 10_000);
    expect(stored.text).toContain("042917");

    mock.succeed();
    expect(await deliverPendingEmails({ transport: resend, now: new Date(now.getTime() + 5_000) })).toMatchObject({ claimed: 0 });
    expect(await deliverPendingEmails({ transport: resend, now: new Date(now.getTime() + 11_000) })).toMatchObject({ sent: 1 });
    expect(mock.received.at(-1)!.body.text).toContain("042917");
    stored = await row(id);
    expect(stored).toMatchObject({ status: "sent", attempts: 2, lastError: null, text: null });
  });

  it("retries when Resend cannot be reached at all", async () => {
    const id = await queueCode();
    const unreachable = createEmailTransport({ resendApiKey: "re_test_key", resendBaseUrl: "http://127.0.0.1:9", from, mailboxEnabled: false });
    expect(await deliverPendingEmails({ transport: unreachable })).toMatchObject({ retrying: 1 });
    expect(await row(id)).toMatchObject({ status: "pending", attempts: 1 });
    expect((await row(id)).lastError).toContain("network");
  });

  it("fails at once on a validation error", async () => {
    const id = await queueCode();
    mock.replyWith(() => ({ status: 422, body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." } }));
    expect(await deliverPendingEmails({ transport: resend })).toMatchObject({ failed: 1 });
    const stored = await row(id);
    expect(stored).toMatchObject({ status: "failed", attempts: 1, text: null, html: null });
    expect(stored.lastError).toContain("validation_error");
  });

  it("gives up after six attempts", async () => {
    const id = await queueCode();
    mock.replyWith(() => ({ status: 503, body: { statusCode: 503, name: "application_error", message: "down" } }));
    let clock = Date.now();
    for (let attempt = 1; attempt <= 6; attempt++) {
      await deliverPendingEmails({ transport: resend, now: new Date(clock) });
      clock = (await row(id)).nextAttemptAt.getTime() + 1;
    }
    expect(await row(id)).toMatchObject({ status: "failed", attempts: 6 });
    expect(mock.received).toHaveLength(6);
    expect(await deliverPendingEmails({ transport: resend, now: new Date(clock + 86_400_000) })).toMatchObject({ claimed: 0 });
  });

  it("retries a code on the time-critical schedule while the provider is down, and stops before the code dies", async () => {
    const created = Date.now();
    const id = await enqueueEmail(db, {
      to: "code@example.com",
      template: "verification-code",
      locale: "fr",
      params: { code: "123456", link: "https://portail.test/x", minutes: 10, purpose: "signup" },
      expiresAt: new Date(created + 600_000),
    });
    mock.replyWith(() => ({ status: 503, body: { statusCode: 503, name: "application_error", message: "down" } }));
    let clock = created;
    const tries: number[] = [];
    for (let pass = 0; pass < 40; pass++) {
      const report = await deliverPendingEmails({ transport: resend, now: new Date(clock) });
      if (report.claimed === 0) break;
      tries.push(Math.round((clock - created) / 1000));
      const stored = await row(id);
      if (stored.status !== "pending") break;
      clock = stored.nextAttemptAt.getTime() + 1;
    }
    expect(tries.slice(0, 4)).toEqual([0, 5, 15, 30]);
    expect(tries.at(-1)!).toBeLessThanOrEqual(540);
    expect(await row(id)).toMatchObject({ status: "failed", text: null, html: null });
    expect(mock.received.length).toBe(tries.length);
  });

  it("does not send a code that could no longer be used when it is claimed", async () => {
    const id = await enqueueEmail(db, {
      to: "late@example.com",
      template: "verification-code",
      locale: "fr",
      params: { code: "123456", link: "https://portail.test/x", minutes: 10, purpose: "signup" },
      expiresAt: new Date(Date.now() + 30_000),
    });
    expect(await deliverPendingEmails({ transport: resend })).toMatchObject({ failed: 1 });
    expect(mock.received).toHaveLength(0);
    expect(await row(id)).toMatchObject({ status: "failed", lastError: "expired before it could be sent" });
  });

  it("sends each email once when two delivery passes run at the same time", async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => queueCode(`p${n}@example.com`, `00000${n}`)));
    mock.succeed(30);
    const reports = await Promise.all([
      deliverPendingEmails({ transport: resend, limit: 10 }),
      deliverPendingEmails({ transport: resend, limit: 10 }),
    ]);
    expect(reports[0]!.sent + reports[1]!.sent).toBe(6);
    expect(mock.received).toHaveLength(6);
    expect(new Set(mock.received.map((r) => r.headers["idempotency-key"])).size).toBe(6);
    for (const id of ids) expect(await row(id)).toMatchObject({ status: "sent", attempts: 1 });
  });
});

describe("email history for staff", () => {
  it("says whether and when an email was sent, without its body", async () => {
    const id = await queueCode("parent@example.com");
    await queueCode("other@example.com");
    await deliverPendingEmails({ transport: resend });
    const history = await emailHistoryFor(" Parent@Example.com");
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id, template: "verification-code", status: "sent", attempts: 1 });
    expect(history[0]!.sentAt).toBeInstanceOf(Date);
    expect(Object.keys(history[0]!)).not.toEqual(expect.arrayContaining(["text"]));
    expect(Object.keys(history[0]!).some((key) => ["text", "html", "subject"].includes(key))).toBe(false);
  });
});

describe("Resend delivery webhooks", () => {
  const secretBytes = randomBytes(24);
  const secret = `whsec_${secretBytes.toString("base64")}`;

  function signedRequest(event: unknown, key = secretBytes) {
    const payload = JSON.stringify(event);
    const id = `msg_${randomBytes(6).toString("hex")}`;
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${payload}`).digest("base64");
    return new Request("http://localhost/api/email-events", {
      method: "POST",
      headers: { "content-type": "application/json", "svix-id": id, "svix-timestamp": timestamp, "svix-signature": `v1,${signature}` },
      body: payload,
    });
  }

  const eventFor = (type: string, emailId: string, extra: object = {}) => ({
    type,
    created_at: "2026-11-23T19:06:00.000Z",
    data: { email_id: emailId, created_at: "2026-11-23T19:05:00.000Z", from, to: ["parent@example.com"], subject: "s", ...extra },
  });

  async function sentEmail() {
    const id = await queueCode();
    await deliverPendingEmails({ transport: resend });
    return row(id);
  }

  it("records delivery from a signed email.delivered event", async () => {
    const sent = await sentEmail();
    const response = await handleDeliveryWebhook(signedRequest(eventFor("email.delivered", sent.providerMessageId!)), secret);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, applied: true });
    const stored = await row(sent.id);
    expect(stored.status).toBe("delivered");
    expect(stored.deliveredAt?.toISOString()).toBe("2026-11-23T19:06:00.000Z");
  });

  it("marks a bounced email failed with the bounce type only", async () => {
    const sent = await sentEmail();
    const bounce = { bounce: { type: "Permanent", subType: "General", message: "parent@example.com does not exist" } };
    await handleDeliveryWebhook(signedRequest(eventFor("email.bounced", sent.providerMessageId!, bounce)), secret);
    const stored = await row(sent.id);
    expect(stored).toMatchObject({ status: "failed", lastError: "bounced: Permanent/General" });
  });

  it("refuses an event signed with another secret", async () => {
    const sent = await sentEmail();
    const response = await handleDeliveryWebhook(signedRequest(eventFor("email.delivered", sent.providerMessageId!), randomBytes(24)), secret);
    expect(response.status).toBe(400);
    expect((await row(sent.id)).status).toBe("sent");
  });

  it("acknowledges events about unknown emails without changing anything", async () => {
    const response = await handleDeliveryWebhook(signedRequest(eventFor("email.delivered", "re_unknown")), secret);
    expect(await response.json()).toEqual({ received: true, applied: false });
  });

  it("does not exist when no signing secret is configured", async () => {
    const response = await emailEventsRoute(signedRequest(eventFor("email.delivered", "re_x")));
    expect(response.status).toBe(404);
  });
});

describe("background delivery", () => {
  it("delivers right after a trigger, and the worker starts only once", async () => {
    const id = await queueCode();
    await deliverSoon();
    expect((await row(id)).status).toBe("delivered");

    const worker = startOutboxWorker({ intervalMs: 50 });
    expect(startOutboxWorker()).toBe(worker);
    const later = await queueCode("later@example.com");
    await expect.poll(async () => (await row(later)).status, { timeout: 5_000 }).toBe("delivered");
    worker.stop();
    const restarted = startOutboxWorker();
    expect(restarted).not.toBe(worker);
    restarted.stop();
    await deliverSoon();
  });
});
