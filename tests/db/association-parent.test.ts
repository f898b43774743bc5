import { beforeEach, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { associationAttempts, associations, nips, type Student } from "@/db/schema";
import {
  associateByMatch,
  associateByNip,
  parentView,
  type AssociateOutcome,
  type MatchInput,
} from "@/db/queries/associations";
import { createParent } from "@/tests/helpers/accounts";
import { createBoardWithSchool, createStudent, insertNip } from "@/tests/helpers/school-fixtures";
import { realPostgres } from "@/tests/helpers/pg-barrier";

const client = { ip: "203.0.113.20", userAgent: "vitest" };
let parentCount = 0;

async function newParent() {
  parentCount += 1;
  return createParent(`parent${parentCount}@exemple.ca`);
}

type Parent = Awaited<ReturnType<typeof newParent>>;

function matchInput(parent: Parent, student: Student, overrides: Partial<MatchInput> = {}): MatchInput {
  return {
    parentAccountId: parent.id,
    accountEmail: parent.email,
    boardId: student.boardId,
    lastName: student.lastName,
    firstName: student.firstName,
    birthDate: student.birthDate,
    identifier: student.fiche,
    ...client,
    ...overrides,
  };
}

function reasonCodes(outcome: AssociateOutcome) {
  return outcome.ok ? [] : outcome.reasons.map((r) => r.code);
}

async function attemptsOf(parent: Parent) {
  return db.select().from(associationAttempts).where(eq(associationAttempts.parentAccountId, parent.id));
}

async function activeAssociationsOf(parent: Parent) {
  return db.select().from(associations).where(eq(associations.parentAccountId, parent.id));
}

/** What the parent is shown must not echo anything the record holds. */
function expectRevealsNothing(outcome: AssociateOutcome, student: Student, guardianEmails: string[]) {
  const shown = JSON.stringify(parentView(outcome));
  for (const secret of [student.lastName, student.firstName, student.birthDate, student.fiche, ...guardianEmails]) {
    expect(shown).not.toContain(secret);
  }
  expect(Object.keys(parentView(outcome)).sort()).toEqual(["messageKey", "ok"]);
}

describe("association by matching", () => {
  let parent: Parent;
  let student: Student;
  let boardId: number;
  const recordEmails = ["Tuteur.Principal@Exemple.ca"];

  beforeEach(async () => {
    const { board, school } = await createBoardWithSchool();
    boardId = board.id;
    parent = await newParent();
    student = await createStudent(school, {
      lastName: "Côté",
      firstName: "Léa-Rose",
      birthDate: "2015-03-14",
      codePermanent: "COTL14531507",
      guardianEmails: [parent.email.toUpperCase(), ...recordEmails],
    });
  });

  it("associates the child when every field matches, and records the successful attempt", async () => {
    const outcome = await associateByMatch(matchInput(parent, student));
    expect(outcome).toMatchObject({ ok: true, child: { studentId: student.id, firstName: "Léa-Rose" } });
    const [association] = await activeAssociationsOf(parent);
    expect(association).toMatchObject({ studentId: student.id, method: "match", revokedAt: null });
    const [attempt] = await attemptsOf(parent);
    expect(attempt).toMatchObject({
      method: "match",
      success: true,
      boardId,
      candidateStudentId: student.id,
      ip: client.ip,
      userAgent: "vitest",
      typed: { lastName: "Côté", firstName: "Léa-Rose", birthDate: "2015-03-14", identifier: student.fiche },
    });
    expect(parentView(outcome)).toEqual({ ok: true, firstName: "Léa-Rose", schoolName: expect.any(String) });
  });

  it("accepts missing accents, a space for a hyphen and a fiche typed with « e » and leading zeros, noting them for staff", async () => {
    const outcome = await associateByMatch(
      matchInput(parent, student, { lastName: " cote ", firstName: "Lea Rose", identifier: `e00${student.fiche}` }),
    );
    expect(outcome.ok).toBe(true);
    const [attempt] = await attemptsOf(parent);
    expect(attempt!.reasons.map((r) => `${r.code}:${r.kind}`).sort()).toEqual([
      "first_name_differs:accents",
      "first_name_differs:hyphen_or_space",
      "last_name_differs:accents",
    ]);
  });

  it("finds the child by code permanent typed in lower case with spaces", async () => {
    const outcome = await associateByMatch(matchInput(parent, student, { identifier: "cotl 1453 1507" }));
    expect(outcome.ok).toBe(true);
  });

  it("accepts family names in the other order", async () => {
    const other = await createStudent({ id: student.schoolId, boardId }, {
      lastName: "Tremblay-Gagnon",
      firstName: "Émile",
      guardianEmails: [parent.email],
    });
    const outcome = await associateByMatch(matchInput(parent, other, { lastName: "Gagnon Tremblay" }));
    expect(outcome.ok).toBe(true);
    const [attempt] = await attemptsOf(parent);
    expect(attempt!.reasons.map((r) => r.kind)).toContain("family_name_order");
  });

  it.each([
    ["birth_date_differs", { birthDate: "2015-03-15" }],
    ["last_name_differs", { lastName: "Coté-Roy" }],
    ["first_name_differs", { firstName: "Léa" }],
    ["student_not_found", { identifier: "7654321" }],
  ] as const)("refuses with %s and tells the parent only that the information does not match", async (code, typed) => {
    const outcome = await associateByMatch(matchInput(parent, student, typed));
    expect(outcome.ok).toBe(false);
    expect(reasonCodes(outcome)).toContain(code);
    expect(outcome).toMatchObject({ messageKey: "errors.noMatch" });
    expectRevealsNothing(outcome, student, recordEmails);
    expect(await activeAssociationsOf(parent)).toEqual([]);
    const [attempt] = await attemptsOf(parent);
    expect(attempt).toMatchObject({ success: false, boardId });
    expect(attempt!.reasons.some((r) => r.code === code)).toBe(true);
  });

  it("says for staff which kind of name difference it was", async () => {
    const outcome = await associateByMatch(matchInput(parent, student, { lastName: "Coté-Roy" }));
    expect(outcome.ok ? null : outcome.reasons).toContainEqual(
      expect.objectContaining({ code: "last_name_differs", kind: "other", typed: "Coté-Roy", expected: "Côté" }),
    );
  });

  it("records the closest record as candidate when the child is found but a field differs", async () => {
    await associateByMatch(matchInput(parent, student, { birthDate: "2015-04-14" }));
    const [attempt] = await attemptsOf(parent);
    expect(attempt!.candidateStudentId).toBe(student.id);
  });

  it("refuses when the account email is not on the record, whatever its case on the record", async () => {
    const stranger = await newParent();
    const outcome = await associateByMatch(matchInput(stranger, student));
    expect(reasonCodes(outcome)).toEqual(["email_not_on_record"]);
    expect(outcome).toMatchObject({ messageKey: "errors.noMatch" });
    expectRevealsNothing(outcome, student, recordEmails);
    expect(outcome.ok ? null : outcome.reasons[0]).toMatchObject({ kind: "not_listed", typed: stranger.email });
  });

  it("refuses a child already associated with the account, with its own message", async () => {
    expect((await associateByMatch(matchInput(parent, student))).ok).toBe(true);
    const again = await associateByMatch(matchInput(parent, student));
    expect(reasonCodes(again)).toEqual(["already_associated"]);
    expect(again).toMatchObject({ messageKey: "errors.alreadyAssociated" });
    expect(await activeAssociationsOf(parent)).toHaveLength(1);
  });

  it("refuses a board that is not subscribed", async () => {
    const closed = await createBoardWithSchool({ subscribed: false });
    const child = await createStudent(closed.school, { guardianEmails: [parent.email] });
    const outcome = await associateByMatch(matchInput(parent, child));
    expect(reasonCodes(outcome)).toEqual(["board_not_subscribed"]);
    expect(outcome).toMatchObject({ messageKey: "errors.boardNotSubscribed" });
  });

  it("records an unknown board id as an attempt without a board", async () => {
    const outcome = await associateByMatch(matchInput(parent, student, { boardId: 987_654 }));
    expect(reasonCodes(outcome)).toEqual(["board_unknown"]);
    expect(outcome).toMatchObject({ messageKey: "errors.boardUnknown" });
    const [attempt] = await attemptsOf(parent);
    expect(attempt).toMatchObject({ boardId: null, success: false });
  });

  it("does not find a student of another board with the same fiche", async () => {
    const other = await createBoardWithSchool();
    const outcome = await associateByMatch(matchInput(parent, student, { boardId: other.board.id }));
    expect(reasonCodes(outcome)).toEqual(["student_not_found"]);
  });

  it("does not associate an archived record", async () => {
    const archived = await createStudent({ id: student.schoolId, boardId }, {
      guardianEmails: [parent.email],
      archivedAt: new Date(),
    });
    expect(reasonCodes(await associateByMatch(matchInput(parent, archived)))).toEqual(["student_not_found"]);
  });

  it.each([
    ["2015-02-31", "impossible_date", "errors.impossibleDate"],
    ["2999-01-01", "future_date", "errors.futureDate"],
    ["1950-01-01", "too_old", "errors.tooOld"],
    ["14/03/2015", "incomplete", "errors.birthDateIncomplete"],
  ])("records the birth date %s as invalid (%s)", async (birthDate, kind, messageKey) => {
    const outcome = await associateByMatch(matchInput(parent, student, { birthDate }));
    expect(outcome).toMatchObject({ ok: false, messageKey, reasons: [{ code: "birth_date_invalid", kind, typed: birthDate }] });
    const [attempt] = await attemptsOf(parent);
    expect(attempt).toMatchObject({ success: false, typed: { birthDate } });
  });

  it.each([
    ["12a4567", "fiche_has_letters", "errors.identifierInvalid.ficheHasLetters"],
    ["12345678", "fiche_too_long", "errors.identifierInvalid.ficheTooLong"],
    ["COTL1453", "code_permanent_shape", "errors.identifierInvalid.codePermanentShape"],
  ])("records the identifier %s as invalid (%s)", async (identifier, kind, messageKey) => {
    const outcome = await associateByMatch(matchInput(parent, student, { identifier }));
    expect(outcome).toMatchObject({ ok: false, messageKey, reasons: [{ code: "identifier_invalid", kind }] });
    expect(await attemptsOf(parent)).toHaveLength(1);
  });

  it("refuses every attempt once the account reached its failure limit, without counting the refusals", async () => {
    const limits = { failuresPerHourPerAccount: 3, failuresPerHourPerIp: 100 };
    for (let i = 0; i < 3; i++) {
      const outcome = await associateByMatch(matchInput(parent, student, { birthDate: "2015-01-01" }), limits);
      expect(reasonCodes(outcome)).toEqual(["birth_date_differs"]);
    }
    const failures = (await attemptsOf(parent)).map((attempt) => attempt.id);
    // The parent keeps trying while locked out, as many times as the limit: each try is refused and recorded.
    for (let i = 0; i < limits.failuresPerHourPerAccount; i++) {
      const locked = await associateByMatch(matchInput(parent, student), limits);
      expect(reasonCodes(locked)).toEqual(["too_many_attempts"]);
      expect(locked).toMatchObject({ messageKey: "errors.tooManyAttempts" });
    }
    expect(await activeAssociationsOf(parent)).toEqual([]);
    expect(await attemptsOf(parent)).toHaveLength(6);

    // An hour after the original failures (only they are moved back in time; the refusals stay recent), the
    // lock is over: the refusals made meanwhile did not extend it.
    await db
      .update(associationAttempts)
      .set({ createdAt: new Date(Date.now() - 61 * 60_000) })
      .where(inArray(associationAttempts.id, failures));
    await associateByMatch(matchInput(parent, student, { birthDate: "2015-01-01" }), limits);
    expect((await associateByMatch(matchInput(parent, student), limits)).ok).toBe(true);
  });

  it("limits failures per IP address across accounts", async () => {
    const limits = { failuresPerHourPerAccount: 100, failuresPerHourPerIp: 2 };
    const ip = "198.51.100.9";
    for (let i = 0; i < 2; i++) {
      const someone = await newParent();
      await associateByMatch(matchInput(someone, student, { ip }), limits);
    }
    const outcome = await associateByMatch(matchInput(parent, student, { ip }), limits);
    expect(outcome).toMatchObject({ ok: false, reasons: [{ code: "too_many_attempts", kind: "ip" }] });
    expect((await associateByMatch(matchInput(parent, student, { ip: "198.51.100.10" }), limits)).ok).toBe(true);
  });
});

describe("association by NIP", () => {
  let student: Student;

  beforeEach(async () => {
    const { school } = await createBoardWithSchool();
    student = await createStudent(school, { guardianEmails: ["autre.adresse@exemple.ca"] });
  });

  it("associates the child the NIP was issued for, consumes it, and records only its first two characters", async () => {
    const parent = await newParent();
    const nip = await insertNip(student, "ABCD2345");
    const outcome = await associateByNip({ parentAccountId: parent.id, nip: " abcd-2345 ", ...client });
    expect(outcome).toMatchObject({ ok: true, child: { studentId: student.id } });
    expect(await activeAssociationsOf(parent)).toMatchObject([{ studentId: student.id, method: "nip" }]);
    const [consumed] = await db.select().from(nips).where(eq(nips.id, nip.id));
    expect(consumed).toMatchObject({ consumedByAccountId: parent.id });
    expect(consumed!.consumedAt).toBeInstanceOf(Date);
    const [attempt] = await attemptsOf(parent);
    expect(attempt).toMatchObject({
      method: "nip",
      success: true,
      nipId: nip.id,
      candidateStudentId: student.id,
      boardId: student.boardId,
      typed: { nipPrefix: "AB" },
    });
    expect(JSON.stringify(attempt)).not.toContain("ABCD2345");
  });

  it.each([
    ["nip_expired", "EFGH2345", { expiresAt: new Date(Date.now() - 1000) }],
    ["nip_revoked", "EFGH3456", { revokedAt: new Date() }],
  ] as const)("refuses a NIP that is %s, with the same message as any invalid NIP", async (code, typed, state) => {
    const parent = await newParent();
    const nip = await insertNip(student, typed, state);
    const outcome = await associateByNip({ parentAccountId: parent.id, nip: typed, ...client });
    expect(outcome).toMatchObject({ ok: false, messageKey: "errors.nipInvalid", reasons: [{ code }] });
    expect(await activeAssociationsOf(parent)).toEqual([]);
    const [attempt] = await attemptsOf(parent);
    expect(attempt).toMatchObject({ success: false, nipId: nip.id, candidateStudentId: student.id });
    expectRevealsNothing(outcome, student, ["autre.adresse@exemple.ca"]);
  });

  it("refuses an unknown NIP and a value that cannot be a NIP", async () => {
    const parent = await newParent();
    const unknown = await associateByNip({ parentAccountId: parent.id, nip: "ZZZZ9999", ...client });
    expect(unknown).toMatchObject({ ok: false, messageKey: "errors.nipInvalid", reasons: [{ code: "nip_unknown" }] });
    const malformed = await associateByNip({ parentAccountId: parent.id, nip: "O0I1", ...client });
    expect(malformed).toMatchObject({
      ok: false,
      messageKey: "errors.nipInvalid",
      reasons: [{ code: "nip_unknown", kind: "malformed" }],
    });
    const attempts = await attemptsOf(parent);
    expect(attempts.map((a) => a.typed)).toEqual(expect.arrayContaining([{ nipPrefix: "ZZ" }, { nipPrefix: "O0" }]));
    expect(attempts.every((a) => a.nipId === null && a.boardId === null)).toBe(true);
  });

  it("cannot be used twice: a second parent is refused as nip_used", async () => {
    const first = await newParent();
    const second = await newParent();
    await insertNip(student, "JKMN2345");
    expect((await associateByNip({ parentAccountId: first.id, nip: "JKMN2345", ...client })).ok).toBe(true);
    const again = await associateByNip({ parentAccountId: second.id, nip: "JKMN2345", ...client });
    expect(again).toMatchObject({ ok: false, messageKey: "errors.nipInvalid", reasons: [{ code: "nip_used" }] });
    expect(await activeAssociationsOf(second)).toEqual([]);
  });

  it("tells a parent who enters the NIP again that the child is already associated, without consuming a new one", async () => {
    const parent = await newParent();
    await insertNip(student, "PQRS2345");
    await associateByNip({ parentAccountId: parent.id, nip: "PQRS2345", ...client });
    const again = await associateByNip({ parentAccountId: parent.id, nip: "PQRS2345", ...client });
    expect(again).toMatchObject({ ok: false, messageKey: "errors.alreadyAssociated" });
    const fresh = await insertNip(student, "TUVW2345");
    await associateByNip({ parentAccountId: parent.id, nip: "TUVW2345", ...client });
    const [untouched] = await db.select().from(nips).where(eq(nips.id, fresh.id));
    expect(untouched!.consumedAt).toBeNull();
  });

  it("stops NIP guessing at the account's failure limit, even for a valid NIP", async () => {
    const parent = await newParent();
    const limits = { failuresPerHourPerAccount: 3, failuresPerHourPerIp: 100 };
    for (const guess of ["AAAA2222", "AAAA3333", "AAAA4444"]) {
      await associateByNip({ parentAccountId: parent.id, nip: guess, ...client }, limits);
    }
    const nip = await insertNip(student, "XYZA2345");
    const outcome = await associateByNip({ parentAccountId: parent.id, nip: "XYZA2345", ...client }, limits);
    expect(outcome).toMatchObject({ ok: false, messageKey: "errors.tooManyAttempts" });
    const [untouched] = await db.select().from(nips).where(eq(nips.id, nip.id));
    expect(untouched!.consumedAt).toBeNull();
  });

  // PGlite runs these one after another: only PostgreSQL can race them (deterministic version: concurrency.test.ts).
  it.runIf(realPostgres)("gives exactly one association when 8 parents race on one NIP", async () => {
    const parents = await Promise.all(Array.from({ length: 8 }, () => newParent()));
    const nip = await insertNip(student, "RAKE2345");
    const outcomes = await Promise.all(
      parents.map((parent, i) =>
        associateByNip({ parentAccountId: parent.id, nip: "RAKE2345", ip: `192.0.2.${i + 1}`, userAgent: "race" }),
      ),
    );
    const winners = outcomes.filter((o) => o.ok);
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.reasons[0]?.code === "nip_used")).toBe(true);
    const rows = await db.select().from(associations).where(eq(associations.studentId, student.id));
    expect(rows).toHaveLength(1);
    const [consumed] = await db.select().from(nips).where(eq(nips.id, nip.id));
    expect(consumed!.consumedByAccountId).toBe(rows[0]!.parentAccountId);
  });

  it.runIf(realPostgres)("holds the per-account limit when one account's attempts arrive together", async () => {
    const parent = await newParent();
    const limits = { failuresPerHourPerAccount: 3, failuresPerHourPerIp: 100 };
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        associateByMatch(matchInput(parent, student, { identifier: "9999999", ip: `192.0.2.${i + 1}` }), limits),
      ),
    );
    const codes = outcomes.map((o) => reasonCodes(o)[0]);
    expect(codes.filter((c) => c === "too_many_attempts")).toHaveLength(5);
    expect(await attemptsOf(parent)).toHaveLength(8);
  });

  it.runIf(realPostgres)("writes nothing when the attempt's write fails, and hands its connection back clean", async () => {
    const parent = await newParent();
    // A NUL character cannot be stored in text: the attempt's insert fails after the lock and the read.
    for (let i = 0; i < 15; i++) {
      await expect(associateByMatch(matchInput(parent, student, { userAgent: "navigateur\u0000" }))).rejects.toThrow();
    }
    expect(await attemptsOf(parent)).toHaveLength(0);
    // More failures than the pool has connections: each went back to the pool outside any transaction.
    const outcome = await associateByMatch(matchInput(parent, student));
    expect(reasonCodes(outcome)).not.toContain("too_many_attempts");
    expect(await attemptsOf(parent)).toHaveLength(1);
  });
});
