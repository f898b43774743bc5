import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { supportTickets } from "@/db/schema";
import { createSupportTicket, TICKETS_PER_HOUR_PER_EMAIL, TICKETS_PER_HOUR_PER_IP } from "@/db/queries/support-tickets";
import { supportRequestSchema } from "@/lib/validations/support";

describe("support requests", () => {
  it("stores a request and refuses a flood from one address", async () => {
    const ticket = { parentAccountId: null, email: "aide@exemple.ca", section: "association", message: "Accès refusé sans raison." };
    for (let i = 0; i < TICKETS_PER_HOUR_PER_EMAIL; i++) expect((await createSupportTicket(ticket)).ok).toBe(true);
    expect(await createSupportTicket(ticket)).toEqual({ ok: false, reason: "tooManyTickets" });
    expect(await db.$count(supportTickets)).toBe(TICKETS_PER_HOUR_PER_EMAIL);
  });

  it("refuses a flood of anonymous requests from one network address, whatever emails they name", async () => {
    const from = (i: number, ip: string) => ({
      parentAccountId: null,
      email: `victime.${i}@exemple.ca`,
      section: "association",
      message: "Bonjour.",
      ip,
    });
    for (let i = 0; i < TICKETS_PER_HOUR_PER_IP; i++) expect((await createSupportTicket(from(i, "198.51.100.9"))).ok).toBe(true);
    expect(await createSupportTicket(from(999, "198.51.100.9"))).toEqual({ ok: false, reason: "tooManyTickets" });
    expect((await createSupportTicket(from(1000, "198.51.100.10"))).ok).toBe(true);
  });

  it("refuses hostile or oversized input before anything is written", () => {
    const base = { email: "x@exemple.ca", section: "other", message: "Bonjour, j'ai un problème." };
    expect(supportRequestSchema.safeParse({ ...base, message: "x".repeat(10_000) }).success).toBe(false);
    expect(supportRequestSchema.safeParse({ ...base, section: "'; drop table students; --" }).success).toBe(false);
    expect(supportRequestSchema.safeParse({ ...base, email: 42 }).success).toBe(false);
    expect(supportRequestSchema.safeParse({ ...base, childName: "<script>alert(1)</script>" }).success).toBe(true);
  });
});
