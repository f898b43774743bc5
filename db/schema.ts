// The whole domain: tables, then relations, then inferred types.
import { relations, sql } from "drizzle-orm";
import { typedFicheKey, typedIdentifierKey, typedNamesKey } from "@/db/typed-identifier";
import { ticketMessageKinds, ticketStatuses, ticketTopics } from "@/lib/support/ticket-values";
import type { ChangesSample, FailureReport, ImportCounts, RejectedLine } from "@/lib/import/report";
import type { AttemptOutcome } from "@/lib/association/attempt-outcome";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  foreignKey,
  uuid,
  bigint,
  customType,
} from "drizzle-orm/pg-core";

/** A bigint as a decimal string, whichever driver reads it (postgres.js gives strings, PGlite BigInts). */
export const bigintText = customType<{ data: string; driverData: string | bigint | number }>({
  dataType: () => "bigint",
  fromDriver: (value) => String(value),
});

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const boardKind = pgEnum("board_kind", ["css", "english", "private"]);
export const codePurpose = pgEnum("code_purpose", ["signup", "reset"]);
export const staffRole = pgEnum("staff_role", ["secretary", "board_support", "privacy_officer", "admin"]);
export const associationMethod = pgEnum("association_method", ["match", "nip"]);
export const emailStatus = pgEnum("email_status", ["pending", "sent", "delivered", "failed"]);
export const authSubject = pgEnum("auth_subject", ["parent", "staff"]);
export const importRunStatus = pgEnum("import_run_status", ["reading", "ready", "failed", "applied", "expired"]);

// ---------- School boards, schools, student records ----------

export const schoolBoards = pgTable("school_boards", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: text().notNull().unique(),
  name: text().notNull(),
  kind: boardKind().notNull(),
  subscribed: boolean().notNull().default(true),
  firstRegistrationUrl: text(),
  otherSchoolUrl: text(),
  nipLifetimeMinutes: smallint().notNull().default(15),
  /** Whether the board's secretaries must use a second factor (admins, board support and privacy officers always do). */
  secretaryMfaRequired: boolean().notNull().default(false),
  /**
   * Character classes (of lower, upper, digit, symbol) a password chosen under this board's rule must mix; 0: none
   * (ASVS 5.0 / NIST SP 800-63B), 3: the guides' rule. lib/password-policy.ts applies it.
   */
  passwordMinClasses: smallint().notNull().default(0),
  createdAt: createdAt(),
}, (t) => [check("school_boards_password_min_classes_ck", sql`${t.passwordMinClasses} between 0 and 4`)]);

export const schools = pgTable(
  "schools",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    boardId: integer()
      .notNull()
      .references(() => schoolBoards.id),
    code: text().notNull(),
    name: text().notNull(),
    phone: text(),
    email: text(),
    address: text(),
    website: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("schools_board_code_uq").on(t.boardId, t.code),
    // What a student's (board, school) references: the school and its board in one key (see students).
    uniqueIndex("schools_board_id_uq").on(t.boardId, t.id),
  ],
);

export const students = pgTable(
  "students",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** With schoolId, references the school and its board in one foreign key (the school's board references the board). */
    boardId: integer().notNull(),
    schoolId: integer().notNull(),
    /** Numéro de fiche: digits only, no leading zeros, unique within a board. */
    fiche: text().notNull(),
    /** Code permanent, upper case without spaces: 12 characters, or 10 when incomplete. */
    codePermanent: text(),
    lastName: text().notNull(),
    firstName: text().notNull(),
    birthDate: date({ mode: "string" }).notNull(),
    grade: text(),
    /** Names folded for search (no accents, hyphens or case), filled by the app. */
    searchName: text().notNull().default(""),
    /** Whether guardian_emails holds a row for this student; kept by triggers on guardian_emails (migration 0005). */
    hasGuardianEmail: boolean().notNull().default(false),
    /**
     * The import line that last wrote this record (its fields and guardian emails), hashed (64 bits): a later line
     * naming this record with the same hash is unchanged without being checked again (db/queries/import-unchanged.ts).
     * Triggers clear it when anything else changes the record or its guardian emails (migrations 0026, 0032).
     */
    importFingerprint: bigintText(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One check per row written instead of two (an import writes a million), and the school is one of the board's.
    foreignKey({ name: "students_school_of_board_fk", columns: [t.boardId, t.schoolId], foreignColumns: [schools.boardId, schools.id] }),
    uniqueIndex("students_board_fiche_uq").on(t.boardId, t.fiche),
    index("students_code_permanent_idx").on(t.codePermanent),
    // Staff search (db/queries/student-search.ts): a fiche in any board; and, per scope, the students in name order
    // with their grade, so listing, paging and filtering by grade read the index alone (index-only scans).
    index("students_fiche_idx").on(t.fiche),
    index("students_school_idx").on(t.schoolId, t.searchName, t.id, t.grade),
    index("students_board_name_idx").on(t.boardId, t.searchName, t.id, t.grade),
    index("students_search_name_idx").on(t.searchName, t.id, t.grade),
    // Name search by whole words (db/queries/student-search.ts): one posting list per distinct word of search_name,
    // each typed word first expanded to the stored words that contain it (student_name_words).
    index("students_name_words_idx").using("gin", sql`string_to_array(${t.searchName}, ' ')`),
    // "No guardian email" (a fraction of a percent of records) without probing guardian_emails for every student.
    index("students_without_guardian_email_idx")
      .on(t.boardId, t.searchName, t.id)
      .where(sql`not ${t.hasGuardianEmail}`),
  ],
);

/**
 * Every word that appears in some student's search_name (split on its single spaces), kept by triggers on students
 * (migration 0030); the name search expands each typed word to the stored words containing it, then finds the
 * students by students_name_words_idx. Never pruned: a word no student has any more finds nobody. Not unique, so two
 * transactions adding the same new word never wait for each other; a word may be listed twice.
 */
export const studentNameWords = pgTable(
  "student_name_words",
  { word: text().notNull() },
  (t) => [
    // A word's start (LIKE 'ab%') and a fragment anywhere in it (LIKE '%abc%', pg_trgm).
    index("student_name_words_prefix_idx").on(t.word.op("text_pattern_ops")),
    index("student_name_words_trgm_idx").using("gin", t.word.op("gin_trgm_ops")),
  ],
);

/** One row per répondant email on a student's record. */
export const guardianEmails = pgTable(
  "guardian_emails",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    studentId: integer()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    email: text().notNull(),
    position: smallint().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("guardian_emails_student_email_uq").on(t.studentId, t.email),
    index("guardian_emails_email_idx").on(t.email),
  ],
);

// ---------- Parent accounts and authentication ----------

export const parentAccounts = pgTable("parent_accounts", {
  id: uuid().primaryKey().defaultRandom(),
  /** Normalised: trimmed, lower case. */
  email: text().notNull().unique(),
  passwordHash: text().notNull(),
  /** The board whose link the parent signed up from (/inscription?organisme=): its password rule keeps applying. */
  signupBoardId: integer().references(() => schoolBoards.id, { onDelete: "set null" }),
  emailVerifiedAt: timestamp({ withTimezone: true }).notNull(),
  locale: text().notNull().default("fr"),
  disabledAt: timestamp({ withTimezone: true }),
  lastSigninAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
});

/** Email verification codes (sign-up and password reset). Only HMACs of the code and link token are kept. */
export const verificationCodes = pgTable(
  "verification_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    purpose: codePurpose().notNull(),
    codeHash: text().notNull(),
    linkTokenHash: text().notNull(),
    /** HMAC of the secret kept in the browser's flow cookie; proves the flow belongs to that browser. */
    flowTokenHash: text().notNull(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    verifiedAt: timestamp({ withTimezone: true }),
    consumedAt: timestamp({ withTimezone: true }),
    supersededAt: timestamp({ withTimezone: true }),
    ip: text(),
    /** Sign-up only: the board whose link the flow started from; its password rule applies at the last step. */
    boardId: integer().references(() => schoolBoards.id, { onDelete: "set null" }),
    /** The email that carries this code (or, for an address that has an account, says so): the code page shows its delivery. */
    outboxEmailId: uuid().references(() => emailOutbox.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("verification_codes_email_created_idx").on(t.email, t.createdAt),
    index("verification_codes_ip_created_idx").on(t.ip, t.createdAt),
    uniqueIndex("verification_codes_link_uq").on(t.linkTokenHash),
  ],
);

/** Server-side sessions behind the next-auth JWT, so idle/absolute limits and revocation hold. */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    subject: authSubject().notNull(),
    parentAccountId: uuid().references(() => parentAccounts.id, { onDelete: "cascade" }),
    staffUserId: uuid().references(() => staffUsers.id, { onDelete: "cascade" }),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    /** Staff: when a second factor was last proven in this session (sign-in or step-up); null = not yet. */
    secondFactorAt: timestamp({ withTimezone: true }),
    /** How: "totp", "recovery", "passkey" or "entra" (the identity provider's own MFA). */
    secondFactorMethod: text(),
    ip: text(),
    userAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("auth_sessions_parent_idx").on(t.parentAccountId),
    index("auth_sessions_staff_idx").on(t.staffUserId),
  ],
);

/** Every authentication attempt (ASVS 16.3.1); also the source of the per-IP sign-in limit. */
export const authEvents = pgTable(
  "auth_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    subject: authSubject().notNull(),
    kind: text().notNull(),
    email: text().notNull(),
    success: boolean().notNull(),
    ip: text(),
    userAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("auth_events_ip_created_idx").on(t.ip, t.createdAt),
    index("auth_events_email_created_idx").on(t.email, t.createdAt),
  ],
);

// ---------- Associations ----------

export const associations = pgTable(
  "associations",
  {
    id: uuid().primaryKey().defaultRandom(),
    parentAccountId: uuid()
      .notNull()
      .references(() => parentAccounts.id, { onDelete: "cascade" }),
    studentId: integer()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    method: associationMethod().notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedByStaffId: uuid().references(() => staffUsers.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("associations_active_uq")
      .on(t.parentAccountId, t.studentId)
      .where(sql`${t.revokedAt} is null`),
    // With revoked_at, "has an active association" (staff search's account filter) is an index-only probe.
    index("associations_student_idx").on(t.studentId, t.revokedAt),
    // An account's associations, revoked ones included (the account page, the staff visibility rule): the unique
    // index above holds the active ones only.
    index("associations_account_idx").on(t.parentAccountId, t.createdAt),
  ],
);

/** A finding of the association rule (Reason in lib/association/reasons.ts); `word` names the word of a name. */
export type AttemptReason = {
  code: string;
  field?: string;
  kind?: string;
  typed?: string;
  expected?: string;
  word?: string;
};

export type AttemptInput = {
  lastName?: string;
  firstName?: string;
  birthDate?: string;
  identifier?: string;
  nipPrefix?: string;
};

export const associationAttempts = pgTable(
  "association_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    parentAccountId: uuid()
      .notNull()
      .references(() => parentAccounts.id, { onDelete: "cascade" }),
    method: associationMethod().notNull(),
    boardId: integer().references(() => schoolBoards.id),
    typed: jsonb().$type<AttemptInput>().notNull(),
    success: boolean().notNull(),
    reasons: jsonb().$type<AttemptReason[]>().notNull().default([]),
    // attemptOutcome() of lib/association/attempt-outcome.ts, kept by the database so every writer gets it.
    outcome: text()
      .$type<AttemptOutcome>()
      .notNull()
      .generatedAlwaysAs(
        sql`case when success then 'associated' when reasons @> '[{"code":"already_associated"}]'::jsonb then 'already_associated' else 'refused' end`,
      ),
    candidateStudentId: integer().references(() => students.id, { onDelete: "set null" }),
    // The names the parent typed (typedNamesKey) and the candidate's search_name as it is now, separated by a space:
    // kept by triggers (migration 0034, attempt_search_names), never written by the app. The province-wide search
    // by name reads it alone (a name word is letters and digits, so it never spans the two).
    searchNames: text().notNull().default(""),
    nipId: uuid(),
    ip: text(),
    userAgent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("association_attempts_account_idx").on(t.parentAccountId, t.createdAt),
    index("association_attempts_student_idx").on(t.candidateStudentId, t.createdAt),
    index("association_attempts_ip_idx").on(t.ip, t.createdAt),
    index("association_attempts_created_idx").on(t.createdAt),
    // A board's attempts (support's scope, see attemptScopeFilter), failed ones first in line, newest first.
    index("association_attempts_board_idx").on(t.boardId, t.success, t.createdAt),
    // Attempts by what the parent typed, found or not (db/typed-identifier.ts).
    index("association_attempts_typed_identifier_idx").on(typedIdentifierKey(t.typed)),
    index("association_attempts_typed_fiche_idx").on(typedFicheKey(t.typed)),
    // Attempts by the names the parent typed (a word anywhere in them; pg_trgm, migration 0001), within a board when
    // the query also gives array[board_id] (migration 0031: a board's matches, not the province's, are intersected).
    index("association_attempts_board_typed_names_idx").using(
      "gin",
      sql`(array[${t.boardId}])`,
      sql`${typedNamesKey(t.typed)} gin_trgm_ops`,
    ),
    // The attempts screen's default list, refusals newest first, of a board (and a secretary's schools, through
    // their board) or of the province: read from the index alone (the candidate is checked against the scope, the
    // account joined for the page's rows only), paged and counted up to the cap.
    index("association_attempts_refused_board_idx")
      .on(t.boardId, t.createdAt, t.id, t.candidateStudentId, t.parentAccountId)
      .where(sql`not ${t.success} and ${t.outcome} = 'refused'`),
    index("association_attempts_refused_idx")
      .on(t.createdAt, t.id, t.candidateStudentId, t.parentAccountId)
      .where(sql`not ${t.success} and ${t.outcome} = 'refused'`),
    // The province's search by name (migration 0034): its words in search_names through their trigrams (a rare
    // name), or the newest refusals walked with their names from the index alone (a common one: the second index
    // carries the candidate, which the statement's join names, and search_names; INCLUDE written in the migration).
    index("association_attempts_search_names_idx").using("gin", t.searchNames.op("gin_trgm_ops")),
    index("association_attempts_refused_names_idx")
      .on(t.createdAt, t.id)
      .where(sql`not ${t.success} and ${t.outcome} = 'refused'`),
  ],
);

/** NIPs issued by staff. The code is kept only as an HMAC, which is also the lookup key. */
export const nips = pgTable(
  "nips",
  {
    id: uuid().primaryKey().defaultRandom(),
    studentId: integer()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    boardId: integer()
      .notNull()
      .references(() => schoolBoards.id),
    codeHash: text().notNull(),
    issuedByStaffId: uuid()
      .notNull()
      .references(() => staffUsers.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    consumedByAccountId: uuid().references(() => parentAccounts.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
    emailedTo: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("nips_code_hash_uq").on(t.codeHash),
    index("nips_student_idx").on(t.studentId),
    // NIPs still usable (the dashboard's count): those not yet expired are a short range at the end of these
    // indexes, the province's and a board's.
    index("nips_usable_idx")
      .on(t.expiresAt)
      .where(sql`${t.revokedAt} is null and ${t.consumedAt} is null`),
    index("nips_usable_board_idx")
      .on(t.boardId, t.expiresAt, t.studentId)
      .where(sql`${t.revokedAt} is null and ${t.consumedAt} is null`),
  ],
);

// ---------- Staff ----------

export const staffUsers = pgTable("staff_users", {
  id: uuid().primaryKey().defaultRandom(),
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text(),
  role: staffRole().notNull(),
  /** Board of a board_support user or privacy officer (and of a secretary, for convenience). Null for admins. */
  boardId: integer().references(() => schoolBoards.id),
  disabledAt: timestamp({ withTimezone: true }),
  lastSigninAt: timestamp({ withTimezone: true }),
  /** TOTP secret encrypted with the server key (lib/secret-box.ts); set once enrolment is confirmed. */
  totpSecret: text(),
  /** A secret shown as a QR code, waiting for its first code to confirm enrolment. */
  totpPendingSecret: text(),
  totpEnabledAt: timestamp({ withTimezone: true }),
  /** The last 30-second step whose code was accepted: a code of that step or an earlier one is a replay. */
  totpLastStep: bigint({ mode: "number" }),
  createdAt: createdAt(),
});

/** Single-use links to choose a password: an invitation (72 h) or a reset started by staff. Only the HMAC is kept. */
export const staffAccessLinks = pgTable(
  "staff_access_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    staffUserId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    tokenHash: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    /** A newer link of the same kind replaced this one. */
    supersededAt: timestamp({ withTimezone: true }),
    createdByStaffId: uuid().references(() => staffUsers.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("staff_access_links_token_uq").on(t.tokenHash),
    index("staff_access_links_staff_idx").on(t.staffUserId, t.kind),
    check("staff_access_links_kind_ck", sql`${t.kind} in ('invitation', 'password_reset')`),
    check("staff_access_links_lifetime_ck", sql`${t.expiresAt} <= ${t.createdAt} + interval '72 hours'`),
  ],
);

/** Ten single-use recovery codes per staff member with TOTP, stored as HMACs. */
export const staffRecoveryCodes = pgTable(
  "staff_recovery_codes",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    staffUserId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("staff_recovery_codes_uq").on(t.staffUserId, t.codeHash)],
);

/** WebAuthn credentials (passkeys) of staff members. */
export const staffPasskeys = pgTable(
  "staff_passkeys",
  {
    id: uuid().primaryKey().defaultRandom(),
    staffUserId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    /** base64url credential id, as the browser reports it. */
    credentialId: text().notNull(),
    /** base64url COSE public key. */
    publicKey: text().notNull(),
    counter: bigint({ mode: "number" }).notNull().default(0),
    transports: jsonb().$type<string[]>().notNull().default([]),
    name: text().notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("staff_passkeys_credential_uq").on(t.credentialId),
    index("staff_passkeys_staff_idx").on(t.staffUserId),
    check("staff_passkeys_name_ck", sql`char_length(${t.name}) between 1 and 60`),
  ],
);

/** WebAuthn challenges: single use, 5 minutes. */
export const webauthnChallenges = pgTable(
  "webauthn_challenges",
  {
    id: uuid().primaryKey().defaultRandom(),
    staffUserId: uuid().references(() => staffUsers.id, { onDelete: "cascade" }),
    purpose: text().notNull(),
    challenge: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("webauthn_challenges_challenge_uq").on(t.challenge),
    check("webauthn_challenges_purpose_ck", sql`${t.purpose} in ('register', 'authenticate')`),
  ],
);

/** Schools a secretary works for (usually one, sometimes several). */
export const staffSchools = pgTable(
  "staff_schools",
  {
    staffUserId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    schoolId: integer()
      .notNull()
      .references(() => schools.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("staff_schools_uq").on(t.staffUserId, t.schoolId)],
);

/** Append-only: a trigger in the migrations refuses UPDATE and DELETE. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorStaffId: uuid().references(() => staffUsers.id),
    action: text().notNull(),
    boardId: integer(),
    schoolId: integer(),
    studentId: integer(),
    parentAccountId: uuid(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_student_idx").on(t.studentId),
    index("audit_log_account_idx").on(t.parentAccountId),
    index("audit_log_actor_idx").on(t.actorStaffId),
  ],
);

// ---------- Student record imports ----------

/** One upload of a student record file: its dry-run report, then whether it was applied. */
export const importRuns = pgTable(
  "import_runs",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The board the file is imported into; null when an admin imports every board the file names. */
    boardId: integer().references(() => schoolBoards.id),
    staffUserId: uuid()
      .notNull()
      .references(() => staffUsers.id),
    fileName: text().notNull(),
    status: importRunStatus().notNull().default("reading"),
    encoding: text(),
    delimiter: text(),
    /** Progress while the file streams in. */
    bytesRead: bigint({ mode: "number" }).notNull().default(0),
    totalBytes: bigint({ mode: "number" }),
    linesRead: integer().notNull().default(0),
    failure: jsonb().$type<FailureReport>(),
    /** Dry-run figures; appliedCounts are the figures at the moment of applying (the data may have moved). */
    counts: jsonb().$type<ImportCounts>(),
    appliedCounts: jsonb().$type<ImportCounts>(),
    /** The first rejected lines, in file order. */
    rejectedSample: jsonb().$type<RejectedLine[]>().notNull().default([]),
    changesSample: jsonb().$type<ChangesSample>(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    appliedAt: timestamp({ withTimezone: true }),
    appliedByStaffId: uuid().references(() => staffUsers.id),
    /** While reading: renewed as the file streams in; a run whose lease ran out was interrupted and is failed. */
    leaseUntil: timestamp({ withTimezone: true }),
  },
  (t) => [index("import_runs_board_created_idx").on(t.boardId, t.createdAt)],
);

// ---------- Email and support ----------

export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    to: text().notNull(),
    template: text().notNull(),
    subject: text().notNull(),
    /** Bodies are kept until delivery; after a successful real send they are cleared (they may hold a code). */
    text: text(),
    html: text(),
    status: emailStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    /** Reply-To address and extra headers (Message-ID, In-Reply-To) of support emails. */
    replyTo: text(),
    headers: jsonb().$type<Record<string, string>>(),
    providerMessageId: text(),
    sentAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    /** What the email carries is useless after this (a code, a NIP): retried often until then, never after. */
    expiresAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("email_outbox_to_created_idx").on(t.to, t.createdAt),
    index("email_outbox_status_idx").on(t.status, t.nextAttemptAt),
  ],
);

export { ticketMessageKinds, ticketStatuses, ticketTopics };

/** A parent's help request (from /aide or the support address), routed to a school, a board or neither. */
export const supportTickets = pgTable(
  "support_tickets",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Shown to everyone as the ticket's reference (formatTicketReference). */
    number: integer().notNull().generatedAlwaysAsIdentity(),
    parentAccountId: uuid().references(() => parentAccounts.id, { onDelete: "set null" }),
    email: text().notNull(),
    /** Where the ticket is routed: a school (and its board), a board only, or neither (the service-centre queue). */
    boardId: integer().references(() => schoolBoards.id),
    schoolId: integer().references(() => schools.id),
    topic: text().notNull().default("other"),
    status: text().notNull().default("new"),
    source: text().notNull().default("form"),
    subject: text(),
    childName: text(),
    /** What the parent typed about the school, and a fiche if they gave one. */
    schoolText: text(),
    fiche: text(),
    errorMessage: text(),
    /** The step that failed when the parent came from a failure screen, and when. */
    failedStep: text(),
    failedAt: timestamp({ withTimezone: true }),
    browser: text(),
    ip: text(),
    locale: text().notNull().default("fr"),
    message: text().notNull(),
    assignedStaffId: uuid().references(() => staffUsers.id),
    /** Since when the ticket waits for staff (creation or the parent's last message): the queue's order. */
    queueSince: timestamp({ withTimezone: true }).notNull().defaultNow(),
    waitingSince: timestamp({ withTimezone: true }),
    firstReplyAt: timestamp({ withTimezone: true }),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("support_tickets_created_idx").on(t.createdAt),
    uniqueIndex("support_tickets_number_uq").on(t.number),
    index("support_tickets_email_idx").on(t.email, t.createdAt),
    index("support_tickets_ip_created_idx").on(t.ip, t.createdAt),
    index("support_tickets_account_idx").on(t.parentAccountId, t.createdAt),
    // The queue of a board or a school: one status (or all), oldest waiting first.
    index("support_tickets_board_queue_idx").on(t.boardId, t.status, t.queueSince),
    index("support_tickets_school_queue_idx").on(t.schoolId, t.status, t.queueSince),
    index("support_tickets_status_queue_idx").on(t.status, t.queueSince),
    index("support_tickets_waiting_idx").on(t.waitingSince).where(sql`${t.status} = 'waiting'`),
    check("support_tickets_status_check", sql`${t.status} in ('new', 'open', 'waiting', 'resolved')`),
    check(
      "support_tickets_topic_check",
      sql`${t.topic} in ('account_creation', 'code_not_received', 'sign_in', 'association', 'nip', 'other')`,
    ),
    check("support_tickets_source_check", sql`${t.source} in ('form', 'email')`),
    check("support_tickets_resolved_check", sql`(${t.status} = 'resolved') = (${t.resolvedAt} is not null)`),
  ],
);

/** The conversation: the parent's messages, staff replies, internal notes and system notes. */
export const supportTicketMessages = pgTable(
  "support_ticket_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => supportTickets.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    authorStaffId: uuid().references(() => staffUsers.id),
    body: text().notNull(),
    /** A system note's event (catalog key and parameters), translated where it is shown. */
    systemEvent: jsonb().$type<{ code: string; params?: Record<string, string | number> }>(),
    /** Inbound email: the provider's id (a webhook delivered twice finds it) and its Message-ID. */
    inboundEmailId: text(),
    /** Message-ID of an email: inbound (the parent's) or outbound (a staff reply), for In-Reply-To threading. */
    emailMessageId: text(),
    outboxEmailId: uuid().references(() => emailOutbox.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("support_ticket_messages_ticket_idx").on(t.ticketId, t.createdAt),
    uniqueIndex("support_ticket_messages_inbound_uq").on(t.inboundEmailId),
    index("support_ticket_messages_email_message_idx").on(t.emailMessageId),
    check("support_ticket_messages_kind_check", sql`${t.kind} in ('parent', 'staff', 'note', 'system')`),
  ],
);

/** Screenshots and files sent with a ticket; the bytes live here so removing a ticket removes them. */
export const supportTicketAttachments = pgTable(
  "support_ticket_attachments",
  {
    id: uuid().primaryKey().defaultRandom(),
    ticketId: uuid()
      .notNull()
      .references(() => supportTickets.id, { onDelete: "cascade" }),
    messageId: uuid().references(() => supportTicketMessages.id, { onDelete: "cascade" }),
    fileName: text().notNull(),
    /** Detected from the bytes, never taken from the name or the sender. */
    contentType: text().notNull(),
    size: integer().notNull(),
    content: bytea().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("support_ticket_attachments_ticket_idx").on(t.ticketId),
    check("support_ticket_attachments_size_check", sql`${t.size} <= 5242880`),
    check(
      "support_ticket_attachments_type_check",
      sql`${t.contentType} in ('image/png', 'image/jpeg', 'image/webp', 'application/pdf')`,
    ),
  ],
);

/** Records a ticket is linked to: students (by email on record, typed fiche, or staff) and attempts. */
export const supportTicketStudents = pgTable(
  "support_ticket_students",
  {
    ticketId: uuid()
      .notNull()
      .references(() => supportTickets.id, { onDelete: "cascade" }),
    studentId: integer()
      .notNull()
      .references(() => students.id, { onDelete: "cascade" }),
    /** email_on_record | typed_fiche | attempt | staff */
    reason: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("support_ticket_students_uq").on(t.ticketId, t.studentId),
    index("support_ticket_students_student_idx").on(t.studentId),
  ],
);

export const supportTicketAttempts = pgTable(
  "support_ticket_attempts",
  {
    ticketId: uuid()
      .notNull()
      .references(() => supportTickets.id, { onDelete: "cascade" }),
    attemptId: uuid()
      .notNull()
      .references(() => associationAttempts.id, { onDelete: "cascade" }),
  },
  (t) => [uniqueIndex("support_ticket_attempts_uq").on(t.ticketId, t.attemptId)],
);

/** Answers staff reuse, per board (null: every board); {placeholders} filled from the ticket. */
export const savedReplies = pgTable(
  "saved_replies",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    boardId: integer().references(() => schoolBoards.id, { onDelete: "cascade" }),
    title: text().notNull(),
    body: text().notNull(),
    locale: text().notNull().default("fr"),
    createdByStaffId: uuid().references(() => staffUsers.id),
    createdAt: createdAt(),
  },
  (t) => [index("saved_replies_board_idx").on(t.boardId)],
);

// ---------- Privacy (Loi 25): incident register, retention, account changes ----------

/** What the system knew when an incident was opened from a parent's "this is not my child". Never edited. */
export type IncidentFacts = {
  associationId?: string;
  associationMethod?: "match" | "nip";
  associatedAt?: string;
  reportedAt?: string;
  accountEmail?: string;
  student?: { id: number; fiche: string; schoolId: number; schoolName: string };
  /** Whether the account's email was on the record when reported (a matching that should not have happened?). */
  accountEmailOnRecord?: boolean;
  successfulAttempt?: { id: string; at: string; method: "match" | "nip" } | null;
  nipIssuedBy?: { staffId: string; name: string; email: string; at: string; auditId: number | null } | null;
  lastGuardianEmailChange?: { staffId: string | null; name: string | null; at: string; auditId: number; action: string } | null;
};

/**
 * The board's register of confidentiality incidents (Règlement sur les incidents de confidentialité, art. 3).
 * Rows cannot be deleted within five years (trigger in the migrations); every edit writes an audit row.
 */
export const privacyIncidents = pgTable(
  "privacy_incidents",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    boardId: integer()
      .notNull()
      .references(() => schoolBoards.id),
    /** open | closed */
    status: text().notNull().default("open"),
    /** parent_report ("this is not my child") | staff_declaration */
    source: text().notNull(),
    /** No foreign key: the entry outlives the account (deleted accounts are anonymised, the register is kept). */
    reportedByParentId: uuid(),
    declaredByStaffId: uuid().references(() => staffUsers.id),
    facts: jsonb().$type<IncidentFacts>().notNull().default({}),
    studentIds: integer().array().notNull().default(sql`'{}'::integer[]`),
    auditLogIds: bigint({ mode: "number" }).array().notNull().default(sql`'{}'::bigint[]`),
    personalInformation: text(),
    personalInformationUndescribedReason: text(),
    circumstances: text(),
    occurredFrom: date({ mode: "string" }),
    occurredTo: date({ mode: "string" }),
    discoveredOn: date({ mode: "string" }).notNull(),
    peopleConcerned: integer(),
    riskSensitivity: text(),
    riskMisuse: text(),
    riskConsequences: text(),
    riskLikelihood: text(),
    /** The officer's conclusion; null until assessed. */
    seriousInjuryRisk: boolean(),
    commissionNotifiedOn: date({ mode: "string" }),
    peopleNotifiedOn: date({ mode: "string" }),
    publicNoticeOn: date({ mode: "string" }),
    publicNoticeReason: text(),
    measures: text(),
    closedAt: timestamp({ withTimezone: true }),
    closedByStaffId: uuid().references(() => staffUsers.id),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("privacy_incidents_board_created_idx").on(t.boardId, t.createdAt),
    index("privacy_incidents_reporter_idx").on(t.reportedByParentId),
    check("privacy_incidents_status_ck", sql`${t.status} in ('open', 'closed')`),
    check("privacy_incidents_source_ck", sql`${t.source} in ('parent_report', 'staff_declaration')`),
    check("privacy_incidents_people_ck", sql`${t.peopleConcerned} is null or ${t.peopleConcerned} >= 0`),
    check("privacy_incidents_period_ck", sql`${t.occurredTo} is null or ${t.occurredFrom} is null or ${t.occurredFrom} <= ${t.occurredTo}`),
  ],
);

/** A board's retention periods; a board without a row uses the defaults (lib/retention.ts). */
export const boardRetention = pgTable(
  "board_retention",
  {
    boardId: integer()
      .primaryKey()
      .references(() => schoolBoards.id, { onDelete: "cascade" }),
    attemptsMonths: smallint().notNull().default(12),
    resolvedTicketsMonths: smallint().notNull().default(24),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedByStaffId: uuid().references(() => staffUsers.id),
  },
  (t) => [
    check("board_retention_attempts_ck", sql`${t.attemptsMonths} between 1 and 120`),
    check("board_retention_tickets_ck", sql`${t.resolvedTicketsMonths} between 1 and 120`),
  ],
);

// ---------- Figures: per-day totals kept on write ----------
// The figures screen (db/queries/figures.ts) reads these instead of the rows they count. Database triggers
// (migration 0021) add to them in the transaction that writes an attempt, a NIP, an association, an account or a
// guardian email; nothing subtracts from them, so the retention purge and an account deletion leave the figures of
// past days as they were. A day is a calendar day in the schools' time zone (America/Toronto). Units are the
// student's school and board when the row was written (an attempt: its candidate's; none found: the board chosen).

/**
 * Additive counts per day and unit. school_id > 0: a school; -1: attempts that found no student, under the board
 * the parent chose (board 0 when none); 0: the board as a whole (its schools and its -1 row, with accounts counted
 * once across the board); board 0 and school 0: the province, which holds only accounts counted once across it
 * (its other totals are the sum of the boards' rows and of board 0's -1 row).
 */
export const dailyFigures = pgTable(
  "daily_figures",
  {
    day: date({ mode: "string" }).notNull(),
    boardId: integer().notNull(),
    schoolId: integer().notNull(),
    /** Accounts created that day whose email is (or was, once) a guardian email on a record of the unit. */
    accountsCreated: integer().notNull().default(0),
    /** Attempts that associated a child or were refused (re-submissions of an associated child apart). */
    attempts: integer().notNull().default(0),
    successfulAttempts: integer().notNull().default(0),
    alreadyAssociatedAttempts: integer().notNull().default(0),
    nipsIssued: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.day, t.schoolId] }),
    // Both read indexes carry the counts (INCLUDE, written in migration 0022): the figures are index-only scans.
    index("daily_figures_board_day_idx").on(t.boardId, t.day, t.schoolId),
    index("daily_figures_school_day_idx").on(t.schoolId, t.day),
  ],
);

/**
 * Active students (not archived) per school, kept on write by triggers on students (migration 0029), for the
 * dashboard's count: a board sums its schools' rows, the province all of them, instead of counting up to 1.5 M
 * records. Written only by those triggers, which run as the table's owner.
 */
export const schoolStudentCounts = pgTable(
  "school_student_counts",
  {
    schoolId: integer().primaryKey(),
    boardId: integer().notNull(),
    students: integer().notNull().default(0),
  },
  (t) => [index("school_student_counts_board_idx").on(t.boardId, t.students)],
);

/** Refused attempts per day, unit (as daily_figures; the province row too, since 0023) and finding (kind '' when none). */
export const dailyFailureReasons = pgTable(
  "daily_failure_reasons",
  {
    day: date({ mode: "string" }).notNull(),
    boardId: integer().notNull(),
    schoolId: integer().notNull(),
    code: text().notNull(),
    kind: text().notNull().default(""),
    attempts: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.day, t.schoolId, t.code, t.kind] }),
    // With the count included (migration 0022), as daily_figures' indexes.
    index("daily_failure_reasons_board_day_idx").on(t.boardId, t.day, t.schoolId, t.code, t.kind),
    index("daily_failure_reasons_school_day_idx").on(t.schoolId, t.day),
  ],
);

/**
 * Children associated, counted so that a child counts once over any period: each day a child had an association
 * created counts under that day and the child's previous such day (-infinity for the first). The children of a
 * period [from, to] are the rows with from <= day <= to and previous_day < from: one per child, at its first
 * association day of the period (in the school it was in then). School 0: the board as a whole.
 */
export const dailyChildren = pgTable(
  "daily_children",
  {
    day: date({ mode: "string" }).notNull(),
    previousDay: date({ mode: "string" }).notNull(),
    boardId: integer().notNull(),
    schoolId: integer().notNull(),
    children: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.boardId, t.day, t.schoolId, t.previousDay] }),
    // With the count included (migration 0022), as daily_figures' indexes.
    index("daily_children_board_day_idx").on(t.boardId, t.day, t.schoolId, t.previousDay),
    index("daily_children_school_day_idx").on(t.schoolId, t.day),
  ],
);

/** The days a student had an association created (daily_children's memory; kept when associations go). */
export const associationDays = pgTable(
  "association_days",
  {
    studentId: integer().notNull(),
    day: date({ mode: "string" }).notNull(),
    boardId: integer().notNull(),
    schoolId: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.studentId, t.day] })],
);

/**
 * The units an account was counted in (daily_figures.accounts_created), on the day it was created: school 0 the
 * board, board 0 and school 0 the province. An account counts once per unit, whenever its link appears.
 */
export const figuresAccountUnits = pgTable(
  "figures_account_units",
  {
    accountId: uuid().notNull(),
    boardId: integer().notNull(),
    schoolId: integer().notNull(),
    day: date({ mode: "string" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.boardId, t.schoolId] }),
    index("figures_account_units_school_day_idx").on(t.schoolId, t.day),
  ],
);

/** A parent's pending change of sign-in email: a code sent to the new address (only its HMAC kept). */
export const emailChangeRequests = pgTable(
  "email_change_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    parentAccountId: uuid()
      .notNull()
      .references(() => parentAccounts.id, { onDelete: "cascade" }),
    newEmail: text().notNull(),
    codeHash: text().notNull(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    supersededAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("email_change_requests_account_idx").on(t.parentAccountId, t.createdAt),
    check("email_change_requests_attempts_ck", sql`${t.attempts} <= ${t.maxAttempts}`),
  ],
);

// ---------- Relations ----------

export const schoolBoardsRelations = relations(schoolBoards, ({ many }) => ({
  schools: many(schools),
  students: many(students),
}));

export const schoolsRelations = relations(schools, ({ one, many }) => ({
  board: one(schoolBoards, { fields: [schools.boardId], references: [schoolBoards.id] }),
  students: many(students),
}));

export const studentsRelations = relations(students, ({ one, many }) => ({
  board: one(schoolBoards, { fields: [students.boardId], references: [schoolBoards.id] }),
  school: one(schools, { fields: [students.schoolId], references: [schools.id] }),
  guardianEmails: many(guardianEmails),
  associations: many(associations),
}));

export const guardianEmailsRelations = relations(guardianEmails, ({ one }) => ({
  student: one(students, { fields: [guardianEmails.studentId], references: [students.id] }),
}));

export const parentAccountsRelations = relations(parentAccounts, ({ many }) => ({
  associations: many(associations),
  attempts: many(associationAttempts),
}));

export const associationsRelations = relations(associations, ({ one }) => ({
  parentAccount: one(parentAccounts, {
    fields: [associations.parentAccountId],
    references: [parentAccounts.id],
  }),
  student: one(students, { fields: [associations.studentId], references: [students.id] }),
}));

export const associationAttemptsRelations = relations(associationAttempts, ({ one }) => ({
  parentAccount: one(parentAccounts, {
    fields: [associationAttempts.parentAccountId],
    references: [parentAccounts.id],
  }),
  board: one(schoolBoards, { fields: [associationAttempts.boardId], references: [schoolBoards.id] }),
  candidateStudent: one(students, {
    fields: [associationAttempts.candidateStudentId],
    references: [students.id],
  }),
}));

export const staffUsersRelations = relations(staffUsers, ({ one, many }) => ({
  board: one(schoolBoards, { fields: [staffUsers.boardId], references: [schoolBoards.id] }),
  schools: many(staffSchools),
}));

export const staffSchoolsRelations = relations(staffSchools, ({ one }) => ({
  staffUser: one(staffUsers, { fields: [staffSchools.staffUserId], references: [staffUsers.id] }),
  school: one(schools, { fields: [staffSchools.schoolId], references: [schools.id] }),
}));

// ---------- Types ----------

export type SchoolBoard = typeof schoolBoards.$inferSelect;
export type School = typeof schools.$inferSelect;
export type Student = typeof students.$inferSelect;
export type NewStudent = typeof students.$inferInsert;
export type GuardianEmail = typeof guardianEmails.$inferSelect;
export type ParentAccount = typeof parentAccounts.$inferSelect;
export type VerificationCode = typeof verificationCodes.$inferSelect;
export type AuthSession = typeof authSessions.$inferSelect;
export type Association = typeof associations.$inferSelect;
export type AssociationAttempt = typeof associationAttempts.$inferSelect;
export type Nip = typeof nips.$inferSelect;
export type StaffUser = typeof staffUsers.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type SupportTicket = typeof supportTickets.$inferSelect;
export type SupportTicketMessage = typeof supportTicketMessages.$inferSelect;
export type TicketTopic = (typeof ticketTopics)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketMessageKind = (typeof ticketMessageKinds)[number];
export type SavedReply = typeof savedReplies.$inferSelect;
export type StaffRole = (typeof staffRole.enumValues)[number];
export type StaffAccessLink = typeof staffAccessLinks.$inferSelect;
export type StaffPasskey = typeof staffPasskeys.$inferSelect;
export type ImportRun = typeof importRuns.$inferSelect;
export type PrivacyIncident = typeof privacyIncidents.$inferSelect;
