// A board's retention periods, as the back office's screen reads and sets them: only the board's privacy officer
// (their board) or a platform admin (any board); values out of the database's bounds change nothing; each change
// is written with its audit row (before and after) in one transaction; the action asks for a fresh second factor.
// The incident register's actions ask for it too.
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { declareIncident } from "@/db/queries/privacy-incidents";
import { purgeExpiredData, recentPurgeRuns, retentionSettings, setBoardRetention } from "@/db/queries/retention";
import type { StaffContext } from "@/db/queries/staff";
import { auditLog, boardRetention, privacyIncidents, type SchoolBoard } from "@/db/schema";
import { DEFAULT_RETENTION } from "@/lib/retention";
import { expectAuditedAtomically } from "@/tests/helpers/forced-failure";
import { createBoardWithSchool } from "@/tests/helpers/school-fixtures";
import { anAdmin, boardSupportOf, createStaff, secretaryOf } from "@/tests/helpers/staff-fixtures";

let signedIn: StaffContext | null = null;
vi.mock("@/lib/auth/session", () => ({
  requireStaff: async () => {
    if (!signedIn) throw new Error("no staff signed in");
    return signedIn;
  },
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { setBoardRetentionAction } = await import("@/app/admin/(back-office)/conservation/actions");
const { declareIncidentAction, updateIncidentAction } = await import("@/app/admin/(back-office)/incidents/actions");
const { deliverSoon } = await import("@/lib/email/deliver");

afterAll(async () => {
  await deliverSoon();
});

let boardA: SchoolBoard;
let boardB: SchoolBoard;
let officerA: StaffContext;

beforeEach(async () => {
  ({ board: boardA } = await createBoardWithSchool());
  ({ board: boardB } = await createBoardWithSchool());
  officerA = await createStaff("privacy_officer", { boardId: boardA.id });
  signedIn = null;
});

/** The context requireStaff() gives in a request whose session proved a second factor `minutesAgo` (null: never). */
function inSession(context: StaffContext, minutesAgo: number | null): StaffContext {
  return {
    ...context,
    session: {
      id: "00000000-0000-4000-8000-000000000000",
      secondFactorAt: minutesAgo === null ? null : new Date(Date.now() - minutesAgo * 60_000),
      secondFactorMethod: minutesAgo === null ? null : "totp",
    },
    mfa: { required: true, totp: true, passkeys: 0 },
  };
}

const periodsOf = async (boardId: number) =>
  (await db.select({ attemptsMonths: boardRetention.attemptsMonths, resolvedTicketsMonths: boardRetention.resolvedTicketsMonths }).from(boardRetention).where(eq(boardRetention.boardId, boardId)))[0] ?? null;
const settingsAudit = (boardId: number) =>
  db.select().from(auditLog).where(and(eq(auditLog.action, "retention.settings_changed"), eq(auditLog.boardId, boardId))).orderBy(auditLog.id);

describe("who reads and sets a board's retention periods", () => {
  it("gives the officer their own board only, with the defaults where it has no setting", async () => {
    const rows = await retentionSettings({ role: officerA.staff.role, scope: officerA.scope });
    expect(rows).toEqual([
      expect.objectContaining({ boardId: boardA.id, attemptsMonths: DEFAULT_RETENTION.attemptsMonths, resolvedTicketsMonths: DEFAULT_RETENTION.resolvedTicketsMonths, custom: false }),
    ]);
    expect(await recentPurgeRuns({ role: officerA.staff.role, scope: officerA.scope })).toEqual(expect.any(Array));
  });

  it("refuses the officer of board A another board's periods, and changes nothing there", async () => {
    expect(await setBoardRetention(officerA.scope, officerA.staff, { boardId: boardB.id, attemptsMonths: 3, resolvedTicketsMonths: 3 })).toEqual({ ok: false, reason: "notFound" });
    expect(await periodsOf(boardB.id)).toBeNull();
    expect(await settingsAudit(boardB.id)).toEqual([]);
    // Through the action too, with a fresh second factor.
    signedIn = inSession(officerA, 1);
    expect(await setBoardRetentionAction({ boardId: boardB.id, attemptsMonths: "3", resolvedTicketsMonths: "3" })).toMatchObject({ ok: false, error: "notFound" });
    expect(await periodsOf(boardB.id)).toBeNull();
  });

  it("lets a platform admin read every board and set any board's periods", async () => {
    const admin = await anAdmin();
    const rows = await retentionSettings({ role: admin.staff.role, scope: admin.scope });
    expect(rows!.map((r) => r.boardId)).toEqual(expect.arrayContaining([boardA.id, boardB.id]));
    expect(await setBoardRetention(admin.scope, admin.staff, { boardId: boardB.id, attemptsMonths: 6, resolvedTicketsMonths: 18 })).toEqual({ ok: true, changed: true });
    expect(await periodsOf(boardB.id)).toEqual({ attemptsMonths: 6, resolvedTicketsMonths: 18 });
    const after = await retentionSettings({ role: admin.staff.role, scope: admin.scope });
    expect(after!.find((r) => r.boardId === boardB.id)).toMatchObject({ custom: true, updatedByName: admin.staff.name });
  });

  it("refuses board support and secretaries: no settings, no purge runs, no change", async () => {
    const { school } = await createBoardWithSchool();
    for (const other of [await boardSupportOf(boardA), await secretaryOf(school)]) {
      expect(await retentionSettings({ role: other.staff.role, scope: other.scope })).toBeNull();
      expect(await recentPurgeRuns({ role: other.staff.role, scope: other.scope })).toBeNull();
      expect(await setBoardRetention(other.scope, other.staff, { boardId: boardA.id, attemptsMonths: 2, resolvedTicketsMonths: 2 })).toEqual({ ok: false, reason: "forbidden" });
      signedIn = inSession(other, 1);
      expect(await setBoardRetentionAction({ boardId: boardA.id, attemptsMonths: "2", resolvedTicketsMonths: "2" })).toMatchObject({ ok: false, error: "notFound" });
    }
    expect(await periodsOf(boardA.id)).toBeNull();
    expect(await settingsAudit(boardA.id)).toEqual([]);
  });
});

describe("setting the periods", () => {
  it("refuses values out of bounds or not whole months, on the form's schema and in the database, and changes nothing", async () => {
    await setBoardRetention(officerA.scope, officerA.staff, { boardId: boardA.id, attemptsMonths: 18, resolvedTicketsMonths: 30 });
    const auditBefore = await settingsAudit(boardA.id);
    signedIn = inSession(officerA, 1);
    for (const [attemptsMonths, resolvedTicketsMonths, field, key] of [
      ["0", "12", "attemptsMonths", "monthsOutOfBounds"],
      ["121", "12", "attemptsMonths", "monthsOutOfBounds"],
      ["12", "-1", "resolvedTicketsMonths", "monthsOutOfBounds"],
      ["1.5", "12", "attemptsMonths", "monthsWhole"],
      ["douze", "12", "attemptsMonths", "monthsWhole"],
      ["12", "", "resolvedTicketsMonths", "monthsRequired"],
    ] as const) {
      const result = await setBoardRetentionAction({ boardId: boardA.id, attemptsMonths, resolvedTicketsMonths });
      expect(result).toEqual({ ok: false, error: "invalidInput", fieldErrors: { [field]: [key] } });
    }
    // The database's checks hold even for a caller that skips the schema.
    await expect(setBoardRetention(officerA.scope, officerA.staff, { boardId: boardA.id, attemptsMonths: 0, resolvedTicketsMonths: 12 })).rejects.toThrow();
    await expect(setBoardRetention(officerA.scope, officerA.staff, { boardId: boardA.id, attemptsMonths: 12, resolvedTicketsMonths: 500 })).rejects.toThrow();
    expect(await periodsOf(boardA.id)).toEqual({ attemptsMonths: 18, resolvedTicketsMonths: 30 });
    expect(await settingsAudit(boardA.id)).toEqual(auditBefore);
  });

  it("writes one audit row per change with the before and after values, and nothing when the values are the same", async () => {
    signedIn = inSession(officerA, 1);
    expect(await setBoardRetentionAction({ boardId: boardA.id, attemptsMonths: "6", resolvedTicketsMonths: "36" })).toEqual({ ok: true, data: { changed: true } });
    expect(await setBoardRetentionAction({ boardId: boardA.id, attemptsMonths: "6", resolvedTicketsMonths: "36" })).toEqual({ ok: true, data: { changed: false } });
    expect(await setBoardRetentionAction({ boardId: boardA.id, attemptsMonths: 9, resolvedTicketsMonths: 36 })).toEqual({ ok: true, data: { changed: true } });
    const rows = await settingsAudit(boardA.id);
    expect(rows.map((r) => ({ actor: r.actorStaffId, details: r.details }))).toEqual([
      {
        actor: officerA.staff.id,
        details: { before: { attemptsMonths: DEFAULT_RETENTION.attemptsMonths, resolvedTicketsMonths: DEFAULT_RETENTION.resolvedTicketsMonths }, after: { attemptsMonths: 6, resolvedTicketsMonths: 36 } },
      },
      { actor: officerA.staff.id, details: { before: { attemptsMonths: 6, resolvedTicketsMonths: 36 }, after: { attemptsMonths: 9, resolvedTicketsMonths: 36 } } },
    ]);
    expect(await periodsOf(boardA.id)).toEqual({ attemptsMonths: 9, resolvedTicketsMonths: 36 });
  });

  it("writes the change and its audit row together or not at all", async () => {
    await setBoardRetention(officerA.scope, officerA.staff, { boardId: boardA.id, attemptsMonths: 12, resolvedTicketsMonths: 24 });
    await expectAuditedAtomically({
      change: () => setBoardRetention(officerA.scope, officerA.staff, { boardId: boardA.id, attemptsMonths: 4, resolvedTicketsMonths: 8 }),
      changedTable: "board_retention",
      snapshot: () => periodsOf(boardA.id),
    });
    expect(await setBoardRetention(officerA.scope, officerA.staff, { boardId: boardA.id, attemptsMonths: 4, resolvedTicketsMonths: 8 })).toEqual({ ok: true, changed: true });
  });

  it("asks for a fresh second factor before any change", async () => {
    for (const minutesAgo of [null, 16]) {
      signedIn = inSession(officerA, minutesAgo);
      expect(await setBoardRetentionAction({ boardId: boardA.id, attemptsMonths: "3", resolvedTicketsMonths: "3" })).toEqual({
        ok: false,
        error: "stepUpRequired",
        params: { reason: "retention" },
      });
    }
    expect(await periodsOf(boardA.id)).toBeNull();
    expect(await settingsAudit(boardA.id)).toEqual([]);
    signedIn = inSession(officerA, 14);
    expect(await setBoardRetentionAction({ boardId: boardA.id, attemptsMonths: "3", resolvedTicketsMonths: "3" })).toEqual({ ok: true, data: { changed: true } });
  });

  it("shows the purge runs from the audit rows they write", async () => {
    const result = await purgeExpiredData();
    if (!result.ran) throw new Error("purge did not run");
    const runs = await recentPurgeRuns({ role: officerA.staff.role, scope: officerA.scope });
    expect(runs![0]).toMatchObject({ auditId: result.auditId, counts: result.counts });
  });
});

describe("the incident register's actions", () => {
  const declaration = { boardId: "", circumstances: "NIP remis à la mauvaise personne au comptoir", personalInformation: "", occurredFrom: "", occurredTo: "", discoveredOn: "2026-11-20", peopleConcerned: "1" };

  it("ask for a fresh second factor to declare an incident", async () => {
    const { school } = await createBoardWithSchool();
    const secretary = await secretaryOf(school);
    const count = () => db.$count(privacyIncidents, eq(privacyIncidents.boardId, school.boardId));
    signedIn = inSession(secretary, 20);
    expect(await declareIncidentAction(declaration)).toEqual({ ok: false, error: "stepUpRequired", params: { reason: "incident" } });
    expect(await count()).toBe(0);
    signedIn = inSession(secretary, 2);
    expect(await declareIncidentAction(declaration)).toMatchObject({ ok: true });
    expect(await count()).toBe(1);
  });

  it("ask the officer for a fresh second factor to complete or close an entry, and refuse others before asking", async () => {
    const declared = await declareIncident(officerA.scope, officerA.staff.id, {
      boardId: null, circumstances: "Fiche envoyée à une mauvaise adresse", personalInformation: null, occurredFrom: null, occurredTo: null, discoveredOn: "2026-11-20", peopleConcerned: 1,
    });
    if (!declared.ok) throw new Error(declared.reason);
    const update = {
      incidentId: declared.incidentId, status: "closed", discoveredOn: "2026-11-20", personalInformation: "Nom et numéro de fiche", seriousInjuryRisk: "no", measures: "Courriel corrigé au dossier.",
    };
    const statusOf = async () => (await db.select({ status: privacyIncidents.status }).from(privacyIncidents).where(eq(privacyIncidents.id, declared.incidentId)))[0]!.status;

    signedIn = inSession(officerA, null);
    expect(await updateIncidentAction(update)).toEqual({ ok: false, error: "stepUpRequired", params: { reason: "incident" } });
    expect(await statusOf()).toBe("open");
    signedIn = inSession(await boardSupportOf(boardA), 1);
    expect(await updateIncidentAction(update)).toEqual({ ok: false, error: "forbidden" });
    signedIn = inSession(officerA, 1);
    const saved = await updateIncidentAction(update);
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    expect(await statusOf()).toBe("closed");
  });
});
