import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditLog } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { anAdmin } from "@/tests/helpers/staff-fixtures";

describe("the audit log", () => {
  it("refuses updates and deletes, even from the application's own connection", async () => {
    const admin = await anAdmin();
    const id = await db.transaction((tx) =>
      recordAudit(tx, { actor: admin.staff.id, action: "nip.revoked", details: { nipId: "essai" } }),
    );
    await expect(db.update(auditLog).set({ action: "falsifié" }).where(eq(auditLog.id, id))).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.id, id))).rejects.toThrow();
    const [row] = await db.select().from(auditLog).where(eq(auditLog.id, id));
    expect(row).toMatchObject({ action: "nip.revoked", details: { nipId: "essai" } });
  });

  it("keeps nothing written when the surrounding transaction fails", async () => {
    const admin = await anAdmin();
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, { actor: admin.staff.id, action: "association.revoked", details: { reason: "annulé" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.select().from(auditLog).where(eq(auditLog.action, "association.revoked"))).toEqual([]);
  });
});
