// Races that only a row lock or a conditional update prevents, made deterministic on PostgreSQL: the first request
// is held at its commit (holding its rows), the second is started and seen blocked by the server, then the first
// commits. Skipped on PGlite, which runs one transaction at a time.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { associateByNip } from "@/db/queries/associations";
import { codeLimits, requestCode, verifyCode } from "@/db/queries/verification-codes";
import { associations, nips, verificationCodes } from "@/db/schema";
import { createParent, latestCodeSentTo } from "@/tests/helpers/accounts";
import { holdCommits, observer, postgresOnlyReason, realPostgres, waitForWaiter } from "@/tests/helpers/pg-barrier";
import { createBoardWithSchool, createStudent, insertNip } from "@/tests/helpers/school-fixtures";

const client = { ip: "203.0.113.40", userAgent: "vitest" };

describe.skipIf(!realPostgres)(`concurrent requests (${postgresOnlyReason})`, () => {
  it("refuses the right code sent while a wrong one is spending the last try: verification locks the code's row", async () => {
    const email = "course.verrou@exemple.ca";
    const started = await requestCode({ email, purpose: "signup", ip: null, locale: "fr" });
    if (!started.ok) throw new Error(started.reason);
    const { flow } = started;
    const code = (await latestCodeSentTo(email))!;
    await db.update(verificationCodes).set({ attempts: codeLimits.maxAttempts - 1 }).where(eq(verificationCodes.id, flow.flowId));

    // The wrong guess counts its try (attempts grows) and is held at its commit, still holding the row.
    const gate = await holdCommits("verification_codes", { on: "update", when: "new.attempts > old.attempts" });
    const watch = observer();
    try {
      const wrong = verifyCode(flow, code === "000000" ? "111111" : "000000");
      await gate.waitUntilHeld(wrong);
      const right = verifyCode(flow, code);
      expect(await waitForWaiter(watch, "row", right)).toBe("blocked");
      await gate.open();
      expect(await wrong).toEqual({ ok: false, reason: "locked" });
      expect(await right).toEqual({ ok: false, reason: "locked" });
    } finally {
      await gate.remove();
      await watch.end();
    }
    const [row] = await db.select().from(verificationCodes).where(eq(verificationCodes.id, flow.flowId));
    expect(row).toMatchObject({ attempts: codeLimits.maxAttempts, verifiedAt: null });
  });

  it("lets one of two parents racing on one NIP use it: the second is refused once the first commits", async () => {
    const { school } = await createBoardWithSchool();
    const student = await createStudent(school);
    await insertNip(student, "K7M2P9QX");
    const first = await createParent("course.nip1@exemple.ca");
    const second = await createParent("course.nip2@exemple.ca");

    // The first parent's consumption of the NIP is held at its commit.
    const gate = await holdCommits("nips", { on: "update", when: "new.consumed_at is not null" });
    const watch = observer();
    try {
      const firstTry = associateByNip({ parentAccountId: first.id, nip: "K7M2-P9QX", ...client });
      await gate.waitUntilHeld(firstTry);
      const secondTry = associateByNip({ parentAccountId: second.id, nip: "k7m2 p9qx", ...client });
      expect(await waitForWaiter(watch, "row", secondTry)).toBe("blocked");
      await gate.open();
      expect((await firstTry).ok).toBe(true);
      expect(await secondTry).toMatchObject({ ok: false, reasons: [{ code: "nip_used", field: "nip" }] });
    } finally {
      await gate.remove();
      await watch.end();
    }
    expect(await db.select({ parent: associations.parentAccountId }).from(associations).where(eq(associations.studentId, student.id))).toEqual([
      { parent: first.id },
    ]);
    const [nip] = await db.select().from(nips).where(and(eq(nips.studentId, student.id)));
    expect(nip!.consumedByAccountId).toBe(first.id);
  });
});
