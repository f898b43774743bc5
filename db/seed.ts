// Demo data for development and tests: boards, schools, ~360 students with guardian emails, one account per role.
// Idempotent: every row is upserted by its natural key, so seeding again changes no row count.
import { sql, type SQL } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import {
  guardianEmails,
  parentAccounts,
  schoolBoards,
  schools,
  staffSchools,
  staffUsers,
  savedReplies,
  students,
} from "@/db/schema";
import {
  DEMO_BOARDS,
  DEMO_GENERATED_STUDENTS,
  DEMO_PARENT,
  DEMO_SCHOOLS,
  DEMO_SEED,
  DEMO_STAFF,
  DEMO_STAFF_PASSWORD,
  DEMO_STAFF_TOTP_SECRET,
  FIXTURE_STUDENTS,
  type FixtureStudent,
} from "@/db/seed-data/fixtures";
import { generateStudents } from "@/db/seed-data/generate";
import { sealTotpSecret } from "@/db/queries/staff-security";
import { foldForSearch } from "@/lib/names";
import { hashPassword } from "@/lib/password-hash";

export { DEMO_STAFF_PASSWORD } from "@/db/seed-data/fixtures";

export type SeedSummary = {
  boards: number;
  schools: number;
  students: number;
  guardianEmails: number;
  staffUsers: number;
  staffSchools: number;
  parentAccounts: number;
};

const BATCH_SIZE = 500;

/** `excluded.<column>` for ON CONFLICT DO UPDATE: the value the rejected insert carried. */
function excluded(column: PgColumn): SQL {
  return sql.raw(`excluded."${toSnakeCase(column.name)}"`);
}

function* batches<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * The demo students: the fixed ones, then the generated ones that take neither a fixed student's fiche nor their
 * full name (a namesake would make the browser tests' searches ambiguous).
 */
export function* demoStudents(): Generator<FixtureStudent> {
  yield* FIXTURE_STUDENTS;
  const fiches = new Set(FIXTURE_STUDENTS.map((s) => `${s.boardCode}/${s.fiche}`));
  const names = new Set(FIXTURE_STUDENTS.map((s) => `${s.lastName}/${s.firstName}`));
  for (const student of generateStudents({
    seed: DEMO_SEED,
    boards: DEMO_BOARDS,
    schools: DEMO_SCHOOLS,
    count: DEMO_GENERATED_STUDENTS,
  })) {
    if (!fiches.has(`${student.boardCode}/${student.fiche}`) && !names.has(`${student.lastName}/${student.firstName}`)) {
      yield student;
    }
  }
}

/** Answers support staff reuse; {placeholders} are filled from the ticket (lib/support/saved-reply.ts). */
const DEMO_SAVED_REPLIES = [
  {
    title: "Courriel corrigé au dossier",
    locale: "fr",
    body:
      "Bonjour,\n\nL'école a inscrit votre adresse courriel au dossier de {prenom_enfant}. Vous pouvez maintenant refaire l'association dans le Portail Parents (Ajouter un enfant); la correction s'applique immédiatement.\n\nPour toute question : {ecole}, {telephone_ecole}.\n\nDemande {reference}",
  },
  {
    title: "Email fixed on the record (English)",
    locale: "en",
    body:
      "Hello,\n\nThe school has put your email address on {prenom_enfant}'s record. You can now associate your child again in the Parent Portal (Add a child); the fix applies at once.\n\nQuestions: {ecole}, {telephone_ecole}.\n\nRequest {reference}",
  },
  {
    title: "NIP remis par l'école",
    locale: "fr",
    body:
      "Bonjour,\n\nL'école vous a remis un NIP pour associer {prenom_enfant}. Connectez-vous, choisissez Ajouter un enfant, répondez Oui à « J'ai reçu un NIP » et entrez-le avant son expiration.\n\n{ecole}, {telephone_ecole}\n\nDemande {reference}",
  },
];

export async function seedDemoData(db: Database): Promise<SeedSummary> {
  const staffAccounts = Object.values(DEMO_STAFF);
  // Hashed outside the transaction: argon2 takes tens of milliseconds each and needs no lock.
  const [parentHash, ...staffHashes] = await Promise.all(
    [DEMO_PARENT, ...staffAccounts].map(() => hashPassword(DEMO_STAFF_PASSWORD)),
  );

  await db.transaction(async (tx) => {
    const boardRows = await tx
      .insert(schoolBoards)
      .values(
        DEMO_BOARDS.map((board) => ({
          code: board.code,
          name: board.name,
          kind: board.kind,
          subscribed: board.subscribed,
          firstRegistrationUrl: board.firstRegistrationUrl,
          otherSchoolUrl: board.otherSchoolUrl,
          nipLifetimeMinutes: board.nipLifetimeMinutes,
        })),
      )
      .onConflictDoUpdate({
        target: schoolBoards.code,
        set: {
          name: excluded(schoolBoards.name),
          kind: excluded(schoolBoards.kind),
          subscribed: excluded(schoolBoards.subscribed),
          firstRegistrationUrl: excluded(schoolBoards.firstRegistrationUrl),
          otherSchoolUrl: excluded(schoolBoards.otherSchoolUrl),
          nipLifetimeMinutes: excluded(schoolBoards.nipLifetimeMinutes),
        },
      })
      .returning({ id: schoolBoards.id, code: schoolBoards.code });
    const boardId = new Map(boardRows.map((row) => [row.code, row.id]));

    const schoolRows = await tx
      .insert(schools)
      .values(
        DEMO_SCHOOLS.map((school) => ({
          boardId: boardId.get(school.boardCode)!,
          code: school.code,
          name: school.name,
          phone: school.phone,
          email: school.email,
          address: school.address,
          website: school.website,
        })),
      )
      .onConflictDoUpdate({
        target: [schools.boardId, schools.code],
        set: {
          name: excluded(schools.name),
          phone: excluded(schools.phone),
          email: excluded(schools.email),
          address: excluded(schools.address),
          website: excluded(schools.website),
        },
      })
      .returning({ id: schools.id, boardId: schools.boardId, code: schools.code });
    const schoolId = new Map(schoolRows.map((row) => [`${row.boardId}/${row.code}`, row.id]));
    const schoolOf = (boardCode: string, schoolCode: string) =>
      schoolId.get(`${boardId.get(boardCode)}/${schoolCode}`)!;

    for (const batch of batches(demoStudents(), BATCH_SIZE)) {
      const studentRows = await tx
        .insert(students)
        .values(
          batch.map((student) => ({
            boardId: boardId.get(student.boardCode)!,
            schoolId: schoolOf(student.boardCode, student.schoolCode),
            fiche: student.fiche,
            codePermanent: student.codePermanent,
            lastName: student.lastName,
            firstName: student.firstName,
            birthDate: student.birthDate,
            grade: student.grade,
            searchName: foldForSearch(`${student.lastName} ${student.firstName}`),
          })),
        )
        .onConflictDoUpdate({
          target: [students.boardId, students.fiche],
          set: {
            schoolId: excluded(students.schoolId),
            codePermanent: excluded(students.codePermanent),
            lastName: excluded(students.lastName),
            firstName: excluded(students.firstName),
            birthDate: excluded(students.birthDate),
            grade: excluded(students.grade),
            searchName: excluded(students.searchName),
            archivedAt: sql`null`,
          },
        })
        .returning({ id: students.id, boardId: students.boardId, fiche: students.fiche });
      const studentId = new Map(studentRows.map((row) => [`${row.boardId}/${row.fiche}`, row.id]));

      const emailRows = batch.flatMap((student) =>
        student.guardianEmails.map((email, i) => ({
          studentId: studentId.get(`${boardId.get(student.boardCode)}/${student.fiche}`)!,
          email,
          position: i + 1,
        })),
      );
      await tx
        .insert(guardianEmails)
        .values(emailRows)
        .onConflictDoUpdate({
          target: [guardianEmails.studentId, guardianEmails.email],
          set: { position: excluded(guardianEmails.position) },
        });
    }

    // Demo accounts are restored to a working state on every seed: known password, enabled.
    const staffRows = await tx
      .insert(staffUsers)
      .values(
        staffAccounts.map((staff, i) => ({
          email: staff.email,
          name: staff.name,
          role: staff.role,
          boardId: staff.boardCode ? boardId.get(staff.boardCode)! : null,
          passwordHash: staffHashes[i],
          totpSecret: sealTotpSecret(DEMO_STAFF_TOTP_SECRET),
          totpEnabledAt: new Date(),
        })),
      )
      .onConflictDoUpdate({
        target: staffUsers.email,
        set: {
          name: excluded(staffUsers.name),
          role: excluded(staffUsers.role),
          boardId: excluded(staffUsers.boardId),
          passwordHash: excluded(staffUsers.passwordHash),
          totpSecret: excluded(staffUsers.totpSecret),
          totpEnabledAt: excluded(staffUsers.totpEnabledAt),
          totpPendingSecret: sql`null`,
          totpLastStep: sql`null`,
          disabledAt: sql`null`,
        },
      })
      .returning({ id: staffUsers.id, email: staffUsers.email });
    const staffId = new Map(staffRows.map((row) => [row.email, row.id]));

    const assignments = staffAccounts.flatMap((staff) =>
      staff.schoolCodes.map((code) => ({
        staffUserId: staffId.get(staff.email)!,
        schoolId: schoolOf(staff.boardCode!, code),
      })),
    );
    if (assignments.length > 0) await tx.insert(staffSchools).values(assignments).onConflictDoNothing();

    // Saved replies for every board, once (seeding again changes nothing).
    if ((await tx.$count(savedReplies)) === 0) {
      await tx.insert(savedReplies).values(DEMO_SAVED_REPLIES.map((reply) => ({ ...reply, boardId: null })));
    }

    await tx
      .insert(parentAccounts)
      .values({ email: DEMO_PARENT.email, passwordHash: parentHash, emailVerifiedAt: new Date() })
      .onConflictDoUpdate({
        target: parentAccounts.email,
        set: { passwordHash: excluded(parentAccounts.passwordHash), disabledAt: sql`null` },
      });
  });

  return countSeededTables(db);
}

export async function countSeededTables(db: Database): Promise<SeedSummary> {
  const [boards, schoolCount, studentCount, emailCount, staffCount, assignmentCount, parentCount] = await Promise.all([
    db.$count(schoolBoards),
    db.$count(schools),
    db.$count(students),
    db.$count(guardianEmails),
    db.$count(staffUsers),
    db.$count(staffSchools),
    db.$count(parentAccounts),
  ]);
  return {
    boards,
    schools: schoolCount,
    students: studentCount,
    guardianEmails: emailCount,
    staffUsers: staffCount,
    staffSchools: assignmentCount,
    parentAccounts: parentCount,
  };
}
