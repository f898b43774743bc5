// "Forgot password" must take the same time whether or not the address has an account: the work that differs
// (looking the account up, rendering and storing the email) is left to queueEmail(), run after the response.
// The times themselves: bench/reset-timing.ts.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { emailOutbox, verificationCodes } from "@/db/schema";
import { requestCode } from "@/db/queries/verification-codes";
import { createParent, templatesSentTo } from "@/tests/helpers/accounts";

const request = (email: string, ip: string) => requestCode({ email, purpose: "reset", ip, locale: "fr", deferEmail: true });

describe("forgot password: the same work on the response path with or without an account", () => {
  it("writes nothing but the code before answering, then queues the email only for an account", async () => {
    await createParent("oubli.connu@exemple.ca");
    const known = await request("oubli.connu@exemple.ca", "192.0.2.50");
    const unknown = await request("oubli.inconnu@exemple.ca", "192.0.2.51");
    expect(known.ok && unknown.ok).toBe(true);
    expect(await db.$count(emailOutbox, eq(emailOutbox.to, "oubli.connu@exemple.ca"))).toBe(0);
    expect(await db.$count(emailOutbox, eq(emailOutbox.to, "oubli.inconnu@exemple.ca"))).toBe(0);
    if (!known.ok || !unknown.ok) return;
    await known.queueEmail();
    await unknown.queueEmail();
    expect(await templatesSentTo("oubli.connu@exemple.ca")).toEqual(["verification-code"]);
    expect(await templatesSentTo("oubli.inconnu@exemple.ca")).toEqual([]);
    // The code row then points at its email, as when the email is queued in the request.
    const [code] = await db.select().from(verificationCodes).where(eq(verificationCodes.id, known.flow.flowId));
    expect(code?.outboxEmailId).toBeTruthy();
  });
});
