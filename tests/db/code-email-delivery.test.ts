// The code page tells whether the code's email has left: it counts a code down only once it has been sent.
import { beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { emailOutbox, verificationCodes } from "@/db/schema";
import { flowStatus, requestCode, type FlowHandle } from "@/db/queries/verification-codes";
import { createParent } from "@/tests/helpers/accounts";

async function startFlow(email: string, purpose: "signup" | "reset" = "signup"): Promise<FlowHandle> {
  const result = await requestCode({ email, purpose, ip: null, locale: "fr" });
  if (!result.ok) throw new Error(`code refused: ${result.reason}`);
  return result.flow;
}

async function emailOf(flow: FlowHandle) {
  const [code] = await db.select().from(verificationCodes).where(eq(verificationCodes.id, flow.flowId));
  const [email] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, code!.outboxEmailId!));
  return { code: code!, email: email! };
}

beforeEach(async () => {
  await db.delete(verificationCodes).where(sql`true`);
  await db.delete(emailOutbox).where(sql`true`);
});

describe("the code email's delivery, as the code page shows it", () => {
  it("links the code to its email, which expires with the code", async () => {
    const flow = await startFlow("lien@exemple.ca");
    const { code, email } = await emailOf(flow);
    expect(email.template).toBe("verification-code");
    expect(email.expiresAt!.getTime()).toBe(code.expiresAt.getTime());
    expect((await flowStatus(flow))!.emailDelivery).toBe("sending");
  });

  it("says 'delayed' once an attempt failed, 'sent' once the provider took it, 'failed' when given up", async () => {
    const flow = await startFlow("retard@exemple.ca");
    const { email } = await emailOf(flow);
    await db.update(emailOutbox).set({ attempts: 1, lastError: "503 application_error" }).where(eq(emailOutbox.id, email.id));
    expect((await flowStatus(flow))!.emailDelivery).toBe("delayed");
    await db.update(emailOutbox).set({ status: "sent", lastError: null }).where(eq(emailOutbox.id, email.id));
    expect((await flowStatus(flow))!.emailDelivery).toBe("sent");
    await db.update(emailOutbox).set({ status: "failed", lastError: "down" }).where(eq(emailOutbox.id, email.id));
    expect((await flowStatus(flow))!.emailDelivery).toBe("failed");
  });

  it("treats the 'you already have an account' email like a code, so the page reveals no account", async () => {
    await createParent("existe.deja@exemple.ca");
    const flow = await startFlow("existe.deja@exemple.ca");
    const { email } = await emailOf(flow);
    expect(email.template).toBe("account-exists");
    expect(email.expiresAt).toBeInstanceOf(Date);
  });

  it("shows a reset for an address without an account like one with, while the provider is down", async () => {
    await createParent("connu@exemple.ca");
    const known = await startFlow("connu@exemple.ca", "reset");
    const { email } = await emailOf(known);
    await db.update(emailOutbox).set({ attempts: 1, lastError: "503" }).where(eq(emailOutbox.id, email.id));
    const unknown = await startFlow("inconnu@exemple.ca", "reset");
    expect((await db.select().from(verificationCodes).where(eq(verificationCodes.id, unknown.flowId)))[0]!.outboxEmailId).toBeNull();
    expect((await flowStatus(known))!.emailDelivery).toBe("delayed");
    expect((await flowStatus(unknown))!.emailDelivery).toBe("delayed");
  });
});
