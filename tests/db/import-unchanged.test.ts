// Lines that are the line a student was last written from (its fingerprint) skip the checks and the staging
// (db/queries/import-unchanged.ts); the counts, samples, audit rows and writes must be what they were when every line
// went through the checks, and any other change to the student or its guardian emails makes its line checked again.
import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db, executedRows } from "@/db/client";
import { auditLog, guardianEmails, students } from "@/db/schema";
import { applyImport, dryRunImport, startImportRun } from "@/db/queries/student-import";
import { importCsvLine, importHeaderLine, type ImportRowValues } from "@/lib/import/columns";
import { createBoardWithSchool, createSchool } from "@/tests/helpers/school-fixtures";
import { anAdmin, secretaryOf } from "@/tests/helpers/staff-fixtures";
import { changeGuardianEmail } from "@/db/queries/guardian-emails";
import { importRow } from "@/tests/helpers/import-rows";
import type { StaffContext } from "@/db/queries/staff";

const NOW = new Date("2026-11-15T15:00:00Z");

function csv(rows: ImportRowValues[]): Uint8Array {
  return new TextEncoder().encode([importHeaderLine(","), ...rows.map((r) => importCsvLine(r, ","))].join("\r\n") + "\r\n");
}

async function* chunks(bytes: Uint8Array, size = 100) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function dryRun(staff: StaffContext, boardId: number | null, bytes: Uint8Array) {
  const started = await startImportRun({ scope: staff.scope, staffId: staff.staff.id, boardId, fileName: "eleves.csv" });
  if (!started.ok) throw new Error(started.error);
  const run = await dryRunImport({ scope: staff.scope, runId: started.runId, source: chunks(bytes), now: NOW });
  expect(run.status).toBe("ready");
  return run;
}

async function apply(staff: StaffContext, runId: number) {
  const applied = await applyImport({ scope: staff.scope, staffId: staff.staff.id, runId });
  if (!applied.ok) throw new Error(applied.error);
  return applied;
}

async function count(query: string): Promise<number> {
  const result = await db.execute(sql.raw(query));
  return Number(executedRows<{ n: number }>(result)[0]!.n);
}

/** How many lines of a run were recognised as unchanged, and how many were staged (checked). */
async function paths(runId: number) {
  return {
    recognised: await count(`select count(*)::int as n from "import_same_${runId}"`),
    staged: await count(`select count(*)::int as n from "import_stage_${runId}"`),
  };
}

async function fingerprintOf(boardId: number, fiche: string): Promise<string | null> {
  const [row] = await db
    .select({ fingerprint: students.importFingerprint })
    .from(students)
    .where(and(eq(students.boardId, boardId), eq(students.fiche, fiche)));
  return row!.fingerprint;
}

async function snapshot(boardId: number) {
  const rows = await db.execute(sql`
    select st.id, st.school_id, st.fiche, st.code_permanent, st.last_name, st.first_name, st.birth_date::text as birth_date,
      st.grade, st.search_name, st.archived_at::text as archived_at, st.updated_at::text as updated_at,
      coalesce((select array_agg(g.email || '/' || g.position || '/' || g.updated_at::text order by g.position)
        from ${guardianEmails} g where g.student_id = st.id), '{}') as emails
    from ${students} st where st.board_id = ${boardId} order by st.id`);
  return executedRows(rows);
}

async function auditActions(boardId: number) {
  const rows = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.boardId, boardId));
  return rows.map((r) => r.action).sort();
}

describe("import: lines that are a student's current values", () => {
  async function setUp() {
    const { board, school } = await createBoardWithSchool();
    const otherSchool = await createSchool(board);
    const admin = await anAdmin();
    const line = (values: Partial<ImportRowValues>): ImportRowValues => importRow(board, school, { fiche: "1", ...values });
    // As the importer writes them: canonical codes, names, dates and lower-case addresses.
    const canonical = [
      line({ fiche: "1", code_permanent: "TREM15031401", courriel_1: "parent.un@example.ca", courriel_2: "deux@example.ca" }),
      line({ fiche: "2", nom: "Tremblay-Gagnon", prenom: "Marie-Ève", niveau: "" }),
      line({ fiche: "3", nom: "O'Neil", prenom: "Zoé", courriel_1: "zoe@example.ca" }),
      line({ fiche: "4", nom: "Lefèvre", prenom: "Noël", date_naissance: "2012-11-30" }),
      line({ fiche: "5", nom: "Roy", prenom: "Éric", courriel_1: "roy@example.ca" }),
    ];
    return { board, school, otherSchool, admin, line, canonical };
  }

  it("a file imported twice: the second time every line is recognised, nothing is written, the counts are as before", async () => {
    const { board, admin, canonical } = await setUp();
    const first = await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    expect(first.counts).toMatchObject({ newStudents: 5, unchanged: 0 });
    const before = await snapshot(board.id);
    const auditBefore = await auditActions(board.id);

    const run = await dryRun(admin, board.id, csv(canonical));
    expect(await paths(run.id)).toEqual({ recognised: 5, staged: 0 });
    expect(run.counts).toEqual({
      lines: 5, valid: 5, rejected: 0, rejectedByReason: {},
      newStudents: 0, changedStudents: 0, restoredStudents: 0, guardianEmailChanges: 0, disappeared: 0, unchanged: 5,
    });
    expect(run.changesSample).toMatchObject({ newStudents: [], changedStudents: [], guardianEmails: [], disappeared: [] });
    expect(run.rejectedSample).toEqual([]);
    const applied = await apply(admin, run.id);
    expect(applied.counts).toEqual(run.counts);
    expect(await snapshot(board.id)).toEqual(before);
    expect(await auditActions(board.id)).toEqual([...auditBefore, "import.applied"].sort());
  });

  it("recognises codes spelled as stored, with leading zeros", async () => {
    const { board, admin, line } = await setUp();
    const school = await createSchool(board, { code: "011" });
    const file = csv([line({ ecole: "011", fiche: "9" }), line({ ecole: "11", fiche: "10" })]);
    await apply(admin, (await dryRun(admin, board.id, file)).id);
    const run = await dryRun(admin, board.id, file);
    // "011" as stored and "11" as the checks key it both name that school.
    expect(await paths(run.id)).toEqual({ recognised: 2, staged: 0 });
    expect(run.counts).toMatchObject({ valid: 2, unchanged: 2, changedStudents: 0, newStudents: 0, disappeared: 0 });
    const rows = await db.select().from(students).where(eq(students.boardId, board.id));
    expect(rows.map((r) => r.schoolId)).toEqual([school.id, school.id]);
  });

  it("the same file in another form (codes, case, spaces) goes through the checks and is unchanged as before", async () => {
    const { board, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    const before = await snapshot(board.id);
    const reshaped = canonical.map((l, i) =>
      i === 0 ? { ...l, fiche: "e0001", code_permanent: "trem 1503 1401", courriel_1: "Parent.Un@Example.ca" }
      : i === 1 ? { ...l, nom: " Tremblay-Gagnon ", organisme: board.code.toLowerCase() }
      : l,
    );
    const run = await dryRun(admin, board.id, csv(reshaped));
    expect(await paths(run.id)).toEqual({ recognised: 3, staged: 2 });
    expect(run.counts).toMatchObject({ valid: 5, rejected: 0, newStudents: 0, changedStudents: 0, guardianEmailChanges: 0, disappeared: 0, unchanged: 5 });
    await apply(admin, run.id);
    expect(await snapshot(board.id)).toEqual(before);
  });

  it("a line differing by one character in a field goes through the checks and is updated and reported as before", async () => {
    const { board, otherSchool, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    const changed = [
      { ...canonical[0]!, courriel_1: "Parent.un@example.ca" }, // email case: the same address once normalised
      { ...canonical[1]!, nom: "Tremblay-Gagnón" }, // name accent
      { ...canonical[2]!, date_naissance: "2015-03-15" }, // birth date
      { ...canonical[3]!, ecole: otherSchool.code }, // school
      { ...canonical[4]!, courriel_1: "roi@example.ca" }, // email
    ];
    const run = await dryRun(admin, board.id, csv(changed));
    expect(await paths(run.id)).toEqual({ recognised: 0, staged: 5 });
    expect(run.counts).toMatchObject({
      lines: 5, valid: 5, rejected: 0, newStudents: 0, changedStudents: 3, restoredStudents: 0, guardianEmailChanges: 1,
      disappeared: 0, unchanged: 1,
    });
    expect(run.changesSample?.changedStudents.map((s) => [s.fiche, s.fields])).toEqual([
      ["2", ["lastName"]],
      ["3", ["birthDate"]],
      ["4", ["school"]],
    ]);
    expect(run.changesSample?.guardianEmails).toMatchObject([{ fiche: "5", before: ["roy@example.ca"], after: ["roi@example.ca"] }]);
    await apply(admin, run.id);
    const byFiche = new Map((await db.select().from(students).where(eq(students.boardId, board.id))).map((s) => [s.fiche, s]));
    expect(byFiche.get("2")).toMatchObject({ lastName: "Tremblay-Gagnón", searchName: "tremblay gagnon marie eve" });
    expect(byFiche.get("3")?.birthDate).toBe("2015-03-15");
    expect(byFiche.get("4")?.schoolId).toBe(otherSchool.id);
    const emails = await db.select().from(guardianEmails).where(eq(guardianEmails.studentId, byFiche.get("1")!.id)).orderBy(guardianEmails.position);
    expect(emails.map((e) => e.email)).toEqual(["parent.un@example.ca", "deux@example.ca"]);
    expect(
      await db.$count(auditLog, and(eq(auditLog.boardId, board.id), eq(auditLog.action, "import.guardian_emails_changed"))),
    ).toBe(1);

    // And the file as now stored is recognised whole again.
    const again = await dryRun(admin, board.id, csv(changed.map((l, i) => (i === 0 ? { ...l, courriel_1: "parent.un@example.ca" } : l))));
    expect(await paths(again.id)).toEqual({ recognised: 5, staged: 0 });
    expect(again.counts).toMatchObject({ unchanged: 5, changedStudents: 0, disappeared: 0 });
  });

  it("an archived student listed again is checked and restored as before; others still listed are not archived", async () => {
    const { board, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    const gone = await apply(admin, (await dryRun(admin, board.id, csv(canonical.slice(1)))).id);
    expect(gone.counts).toMatchObject({ disappeared: 1, unchanged: 4 });

    const run = await dryRun(admin, board.id, csv(canonical));
    expect(await paths(run.id)).toEqual({ recognised: 4, staged: 1 });
    expect(run.counts).toMatchObject({ restoredStudents: 1, changedStudents: 0, disappeared: 0, unchanged: 4 });
    expect(run.changesSample?.changedStudents.map((s) => [s.fiche, s.fields])).toEqual([["1", ["restored"]]]);
    await apply(admin, run.id);
    const rows = await db.select().from(students).where(eq(students.boardId, board.id));
    expect(rows.every((s) => s.archivedAt === null)).toBe(true);
  });

  it("a student changed between the dry run and the apply gets the file's values, as before", async () => {
    const { board, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    const run = await dryRun(admin, board.id, csv(canonical));
    expect(run.counts).toMatchObject({ unchanged: 5 });
    const [roy] = await db.update(students).set({ lastName: "Roi" }).where(and(eq(students.boardId, board.id), eq(students.fiche, "5"))).returning();
    await db.delete(guardianEmails).where(eq(guardianEmails.studentId, roy!.id));
    const [o] = await db.select().from(students).where(and(eq(students.boardId, board.id), eq(students.fiche, "3")));
    await db.update(students).set({ archivedAt: new Date() }).where(eq(students.id, o!.id));

    const applied = await apply(admin, run.id);
    expect(applied.counts).toMatchObject({ changedStudents: 1, restoredStudents: 1, guardianEmailChanges: 1, unchanged: 3, disappeared: 0 });
    const [after] = await db.select().from(students).where(eq(students.id, roy!.id));
    expect(after).toMatchObject({ lastName: "Roy", searchName: "roy eric" });
    expect((await db.select().from(guardianEmails).where(eq(guardianEmails.studentId, roy!.id))).map((e) => e.email)).toEqual(["roy@example.ca"]);
    expect((await db.select().from(students).where(eq(students.id, o!.id)))[0]?.archivedAt).toBeNull();
  });

  it("a recognised line whose fiche is repeated in the file is rejected with the others, and its student kept", async () => {
    const { board, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    const run = await dryRun(admin, board.id, csv([...canonical, { ...canonical[2]!, fiche: "0003", nom: "Autre" }]));
    expect(run.counts).toMatchObject({
      lines: 6, valid: 4, rejected: 2, rejectedByReason: { duplicate_fiche: 2 }, unchanged: 4, changedStudents: 0, disappeared: 0,
    });
    expect(run.rejectedSample).toEqual([
      { line: 4, reason: "duplicate_fiche", column: "fiche", value: "3" },
      { line: 7, reason: "duplicate_fiche", column: "fiche", value: "3" },
    ]);
    const applied = await apply(admin, run.id);
    expect(applied.counts).toMatchObject({ disappeared: 0, unchanged: 4 });
    expect((await db.select().from(students).where(eq(students.boardId, board.id))).every((s) => s.archivedAt === null)).toBe(true);
  });

  it("a student edited by other means is checked again, and the import sets the file's values and fingerprint back", async () => {
    const { board, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    expect(await fingerprintOf(board.id, "2")).not.toBeNull();
    await db.update(students).set({ grade: "Sec. 1" }).where(and(eq(students.boardId, board.id), eq(students.fiche, "2")));
    expect(await fingerprintOf(board.id, "2")).toBeNull();
    // An update that leaves the line's fields as they are (a new updated_at, archiving) keeps it.
    await db.update(students).set({ updatedAt: new Date() }).where(and(eq(students.boardId, board.id), eq(students.fiche, "3")));
    expect(await fingerprintOf(board.id, "3")).not.toBeNull();

    const run = await dryRun(admin, board.id, csv(canonical));
    expect(await paths(run.id)).toEqual({ recognised: 4, staged: 1 });
    expect(run.counts).toMatchObject({ changedStudents: 1, unchanged: 4 });
    await apply(admin, run.id);
    const [again] = await db.select().from(students).where(and(eq(students.boardId, board.id), eq(students.fiche, "2")));
    expect(again!.grade).toBeNull();
    expect(again!.importFingerprint).not.toBeNull();
    expect(await paths((await dryRun(admin, board.id, csv(canonical))).id)).toEqual({ recognised: 5, staged: 0 });
  });

  it("a guardian email fixed by a secretary makes the line checked again; the file's addresses come back", async () => {
    const { board, school, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    const secretary = await secretaryOf(school);
    const [roy] = await db.select().from(students).where(and(eq(students.boardId, board.id), eq(students.fiche, "5")));
    const [email] = await db.select().from(guardianEmails).where(eq(guardianEmails.studentId, roy!.id));
    const fixed = await changeGuardianEmail(secretary.scope, secretary.staff.id, {
      mode: "replace", studentId: roy!.id, guardianEmailId: email!.id, newEmail: "roy.nouveau@example.ca", reason: "Appel du parent",
    });
    expect(fixed.ok).toBe(true);
    expect(await fingerprintOf(board.id, "5")).toBeNull();
    // The other students' fingerprints are untouched.
    expect(await fingerprintOf(board.id, "3")).not.toBeNull();

    const run = await dryRun(admin, board.id, csv(canonical));
    expect(await paths(run.id)).toEqual({ recognised: 4, staged: 1 });
    expect(run.counts).toMatchObject({ guardianEmailChanges: 1, changedStudents: 0, unchanged: 4 });
    expect(run.changesSample?.guardianEmails).toMatchObject([{ fiche: "5", before: ["roy.nouveau@example.ca"], after: ["roy@example.ca"] }]);
    await apply(admin, run.id);
    expect((await db.select().from(guardianEmails).where(eq(guardianEmails.studentId, roy!.id))).map((e) => e.email)).toEqual(["roy@example.ca"]);
    expect(await fingerprintOf(board.id, "5")).not.toBeNull();
    expect(await paths((await dryRun(admin, board.id, csv(canonical))).id)).toEqual({ recognised: 5, staged: 0 });
  });

  it("a guardian email added or removed by other means clears the fingerprint too", async () => {
    const { board, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    const [two] = await db.select().from(students).where(and(eq(students.boardId, board.id), eq(students.fiche, "2")));
    await db.insert(guardianEmails).values({ studentId: two!.id, email: "ajout@example.ca", position: 1 });
    expect(await fingerprintOf(board.id, "2")).toBeNull();
    const [three] = await db.select().from(students).where(and(eq(students.boardId, board.id), eq(students.fiche, "3")));
    await db.delete(guardianEmails).where(eq(guardianEmails.studentId, three!.id));
    expect(await fingerprintOf(board.id, "3")).toBeNull();
    const run = await dryRun(admin, board.id, csv(canonical));
    expect(await paths(run.id)).toEqual({ recognised: 3, staged: 2 });
    expect(run.counts).toMatchObject({ guardianEmailChanges: 2, unchanged: 3 });
  });

  it("a student without a fingerprint whose line changes nothing gets the line's, without a new updated_at", async () => {
    const { board, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    // As a record written before fingerprints existed.
    await db.update(students).set({ importFingerprint: null }).where(eq(students.boardId, board.id));
    const before = await snapshot(board.id);
    const run = await dryRun(admin, board.id, csv(canonical));
    expect(await paths(run.id)).toEqual({ recognised: 0, staged: 5 });
    const applied = await apply(admin, run.id);
    expect(applied.counts).toMatchObject({ unchanged: 5, changedStudents: 0, newStudents: 0, guardianEmailChanges: 0 });
    expect(await snapshot(board.id)).toEqual(before);
    expect(await paths((await dryRun(admin, board.id, csv(canonical))).id)).toEqual({ recognised: 5, staged: 0 });
  });

  it("a file of recognised lines only still reports and archives the students it no longer lists", async () => {
    const { board, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    const run = await dryRun(admin, board.id, csv(canonical.slice(1)));
    expect(await paths(run.id)).toEqual({ recognised: 4, staged: 0 });
    expect(run.counts).toMatchObject({ valid: 4, unchanged: 4, disappeared: 1 });
    expect((await apply(admin, run.id)).counts).toMatchObject({ unchanged: 4, disappeared: 1 });
    const [gone] = await db.select().from(students).where(and(eq(students.boardId, board.id), eq(students.fiche, "1")));
    expect(gone!.archivedAt).not.toBeNull();
  });

  it("a line is only ever recognised as its own student's, even if another student of its school kept its hash", async () => {
    const { board, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    const before = await snapshot(board.id);
    // As if the 64-bit hash of fiche 2's line were also that of fiche 1's previous line (a collision).
    const fingerprint2 = await fingerprintOf(board.id, "2");
    await db.update(students).set({ importFingerprint: fingerprint2 }).where(and(eq(students.boardId, board.id), eq(students.fiche, "1")));
    await db.update(students).set({ importFingerprint: null }).where(and(eq(students.boardId, board.id), eq(students.fiche, "2")));
    const run = await dryRun(admin, board.id, csv(canonical));
    // Fiche 2's line is not taken for fiche 1's student (which would have made fiche 1 a repeated fiche): both are checked.
    expect(await paths(run.id)).toEqual({ recognised: 3, staged: 2 });
    expect(run.counts).toMatchObject({ valid: 5, rejected: 0, unchanged: 5, changedStudents: 0, disappeared: 0 });
    await apply(admin, run.id);
    expect(await snapshot(board.id)).toEqual(before);
    expect(await fingerprintOf(board.id, "2")).toBe(fingerprint2);
  });

  it("the same values in another column order are the same line", async () => {
    const { board, admin, canonical } = await setUp();
    await apply(admin, (await dryRun(admin, board.id, csv(canonical))).id);
    const header = importHeaderLine(",").split(",");
    const reversed = [...header].reverse();
    const lines = canonical.map((row) => importCsvLine(row, ",").split(",").reverse().join(","));
    const bytes = new TextEncoder().encode([reversed.join(","), ...lines].join("\n") + "\n");
    const run = await dryRun(admin, board.id, bytes);
    expect(await paths(run.id)).toEqual({ recognised: 5, staged: 0 });
  });
});
