// Parent side of association: the board picker, associating a child by matching or by NIP (attempt limits,
// one recorded attempt per try, atomic NIP consumption), and the parent's children.
//
// Limits: failed attempts (by matching and by NIP together) are counted over the last hour per account and per IP
// address. Each attempt runs in one transaction holding an advisory lock on the account, so an account's limit
// holds across app instances; the per-IP count is not locked and may be exceeded by the number of requests
// arriving at the same instant. Attempts refused by the limit are recorded but not counted, so the wait ends an
// hour after the failures that caused it.
import { and, asc, count, eq, gt, isNull, notExists, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { db, type Executor, type Transaction } from "@/db/client";
import { parentSessionCheck, type ParentSessionCheck } from "@/db/queries/auth";
import { readThenWrite, reusableStatement } from "@/db/read-then-write";
import {
  associationAttempts,
  associations,
  guardianEmails,
  nips,
  privacyIncidents,
  schoolBoards,
  schools,
  students,
  type AttemptInput,
  type AttemptReason,
  type Nip,
  type SchoolBoard,
} from "@/db/schema";
import {
  birthDateMessageKey,
  diagnoseAssociation,
  NIP_INVALID_MESSAGE_KEY,
  parentMessageFor,
  type BirthDateMessageKey,
  type ParentMessageKey,
  type StudentRecord,
} from "@/lib/association";
import { BIRTH_DATE_INVALID, IP_LIMIT_KIND, type NipReasonCode } from "@/lib/association/attempt-reasons";
import { normalizeNip } from "@/lib/association/nip-code";
import { isoDateIn, parseBirthDate, type BirthDateProblem } from "@/lib/birth-date";
import { normalizeEmail } from "@/lib/email-address";
import { env } from "@/lib/env";
import { parseStudentIdentifier, type StudentIdentifier } from "@/lib/identifiers";
import { timeZone } from "@/lib/i18n/locale";
import { hashSecret } from "@/lib/secret-hash";

export type AssociationLimits = { failuresPerHourPerAccount: number; failuresPerHourPerIp: number };

export const associationLimits: AssociationLimits = {
  failuresPerHourPerAccount: env.ASSOCIATION_FAILURES_PER_HOUR_PER_ACCOUNT,
  failuresPerHourPerIp: env.ASSOCIATION_FAILURES_PER_HOUR_PER_IP,
};

// ---------- Board picker ----------

export type BoardOption = Pick<
  SchoolBoard,
  "id" | "name" | "kind" | "subscribed" | "firstRegistrationUrl" | "otherSchoolUrl"
>;

/**
 * Every board, by name in French order (sorted here: the database collation may put "CSS" before "Collège").
 * Unsubscribed boards are listed too: the form tells the parent the portal is not offered there.
 */
export async function boardsForPicker(): Promise<BoardOption[]> {
  const boards = await db
    .select({
      id: schoolBoards.id,
      name: schoolBoards.name,
      kind: schoolBoards.kind,
      subscribed: schoolBoards.subscribed,
      firstRegistrationUrl: schoolBoards.firstRegistrationUrl,
      otherSchoolUrl: schoolBoards.otherSchoolUrl,
    })
    .from(schoolBoards);
  return boards.sort((a, b) => a.name.localeCompare(b.name, "fr", { sensitivity: "base" }));
}

// ---------- Outcomes ----------

/** Keys in the "association" namespace. */
export type AssociateMessageKey = ParentMessageKey | BirthDateMessageKey | typeof NIP_INVALID_MESSAGE_KEY;

export type AssociatedChildSummary = { studentId: number; firstName: string; schoolName: string };

/** `reasons` may hold what the record contains: for staff and tests only, never for the parent (see parentView). */
export type AssociateOutcome =
  | { ok: true; attemptId: string; child: AssociatedChildSummary }
  | { ok: false; attemptId: string; messageKey: AssociateMessageKey; reasons: AttemptReason[] };

/** What the parent may be told: after a success, the child now linked; after a failure, a message key only. */
export type ParentAssociateResult =
  | { ok: true; firstName: string; schoolName: string }
  | { ok: false; messageKey: AssociateMessageKey };

export function parentView(outcome: AssociateOutcome): ParentAssociateResult {
  if (outcome.ok) return { ok: true, firstName: outcome.child.firstName, schoolName: outcome.child.schoolName };
  return { ok: false, messageKey: outcome.messageKey };
}

// ---------- Shared steps ----------

type Client = { ip: string | null; userAgent: string | null };

/** Held until the attempt's transaction ends: one account's attempts are judged one at a time. */
const accountLockKey = (parentAccountId: string) => `association:${parentAccountId}`;

const accountLockQuery = (key: SQLWrapper | string) => sql`select pg_advisory_xact_lock(hashtext(${key}))`;

async function lockAccount(tx: Transaction, parentAccountId: string) {
  await tx.execute(accountLockQuery(accountLockKey(parentAccountId)));
}

const accountLock = reusableStatement<{ key: string }>(() => accountLockQuery(sql.placeholder("key")));

const THROTTLED = JSON.stringify([{ code: "too_many_attempts" }]);

/**
 * Failed attempts in the last hour that count towards the limits (refusals by the limit itself do not, nor do
 * re-submissions of a child already associated with the account).
 */
function countedFailure() {
  return and(
    eq(associationAttempts.success, false),
    eq(associationAttempts.outcome, "refused"),
    gt(associationAttempts.createdAt, sql`now() - interval '1 hour'`),
    sql`not (${associationAttempts.reasons} @> ${THROTTLED}::jsonb)`,
  );
}

async function recentFailures(tx: Executor, parentAccountId: string, ip: string | null) {
  const [account] = await tx
    .select({ n: count() })
    .from(associationAttempts)
    .where(and(eq(associationAttempts.parentAccountId, parentAccountId), countedFailure()));
  let byIp = 0;
  if (ip) {
    const [row] = await tx
      .select({ n: count() })
      .from(associationAttempts)
      .where(and(eq(associationAttempts.ip, ip), countedFailure()));
    byIp = row?.n ?? 0;
  }
  return { account: account?.n ?? 0, ip: byIp };
}

/** The too_many_attempts reason when a limit is reached, the account's first. */
function limitReason(failures: { account: number; ip: number }, limits: AssociationLimits): AttemptReason | null {
  if (failures.account >= limits.failuresPerHourPerAccount) return { code: "too_many_attempts" };
  if (failures.ip >= limits.failuresPerHourPerIp) return { code: "too_many_attempts", kind: IP_LIMIT_KIND };
  return null;
}

type AttemptRow = {
  parentAccountId: string;
  method: "match" | "nip";
  boardId: number | null;
  typed: AttemptInput;
  success: boolean;
  reasons: AttemptReason[];
  candidateStudentId: number | null;
  nipId?: string | null;
} & Client;

/**
 * The statement that writes an attempt. With `associates`, the association it made is written by the same statement
 * (a data-modifying CTE): one round trip for the two rows of a successful attempt.
 */
function attemptInsert(executor: Executor, row: AttemptRow, associates?: { studentId: number }) {
  const writer = associates
    ? executor.with(
        executor
          .$with("association")
          .as(
            executor
              .insert(associations)
              .values({ parentAccountId: row.parentAccountId, studentId: associates.studentId, method: row.method })
              .returning({ id: associations.id }),
          ),
      )
    : executor;
  return writer
    .insert(associationAttempts)
    .values({
      parentAccountId: row.parentAccountId,
      method: row.method,
      boardId: row.boardId,
      typed: row.typed,
      success: row.success,
      reasons: row.reasons,
      candidateStudentId: row.candidateStudentId,
      nipId: row.nipId ?? null,
      ip: row.ip,
      userAgent: row.userAgent,
    })
    .returning({ id: associationAttempts.id });
}

/** attemptInsert's text built once, with or without the association; `values` are the row's (and the student's). */
const attemptInsertStatement = reusableStatement<Record<string, unknown>, "attempt" | "association">((variant) => {
  const field = (name: string) => sql.placeholder(name);
  const row = {
    parentAccountId: field("parentAccountId"),
    method: field("method"),
    boardId: field("boardId"),
    typed: field("typed"),
    success: field("success"),
    reasons: field("reasons"),
    candidateStudentId: field("candidateStudentId"),
    nipId: field("nipId"),
    ip: field("ip"),
    userAgent: field("userAgent"),
  } as unknown as AttemptRow;
  return attemptInsert(db, row, variant === "association" ? { studentId: field("studentId") as unknown as number } : undefined).getSQL();
});

function attemptWrite(row: AttemptRow, associates?: { studentId: number }) {
  return attemptInsertStatement({ ...row, nipId: row.nipId ?? null, studentId: associates?.studentId }, associates ? "association" : "attempt");
}

async function recordAttempt(tx: Executor, row: AttemptRow): Promise<string> {
  const [inserted] = await attemptInsert(tx, row);
  return inserted!.id;
}

async function activeAssociationStudentIds(tx: Executor, parentAccountId: string): Promise<number[]> {
  const rows = await tx
    .select({ studentId: associations.studentId })
    .from(associations)
    .where(and(eq(associations.parentAccountId, parentAccountId), isNull(associations.revokedAt)));
  return rows.map((r) => r.studentId);
}

async function createAssociation(tx: Executor, parentAccountId: string, studentId: number, method: "match" | "nip") {
  await tx.insert(associations).values({ parentAccountId, studentId, method });
  const [child] = await tx
    .select({ studentId: students.id, firstName: students.firstName, schoolName: schools.name })
    .from(students)
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .where(eq(students.id, studentId));
  return child!;
}

// ---------- Association by matching ----------

export type MatchInput = {
  parentAccountId: string;
  /** The signed-in account's verified email. */
  accountEmail: string;
  boardId: number;
  lastName: string;
  firstName: string;
  /** "YYYY-MM-DD" as typed; an impossible, future or implausible date is refused and recorded. */
  birthDate: string;
  /** Fiche or code permanent, as typed. */
  identifier: string;
} & Client;

type MatchContext = {
  board: { id: number; subscribed: boolean } | null;
  failures: { account: number; ip: number };
  /** Records of the board carrying the identifier (archived records excluded), with their guardian emails. */
  candidates: (StudentRecord & { schoolName: string })[];
  alreadyAssociatedStudentIds: number[];
};

type MatchContextRow = {
  board: { id: number; subscribed: boolean } | null;
  account_failures: number;
  ip_failures: number;
  candidates: (StudentRecord & { schoolName: string })[];
  associated: number[];
};

/** The read's text differs by the kind of identifier typed and whether the client's address is known. */
type ContextVariant = `${StudentIdentifier["kind"]}:${"ip" | "noIp"}`;

/**
 * Everything the rule needs, read in one statement (one round trip instead of six: on a busy machine each one
 * costs more CPU in socket writes than the query itself).
 */
const matchContextStatement = reusableStatement<Record<string, unknown>, ContextVariant>((variant) => {
  const [kind, ip] = variant.split(":");
  const value = (name: string) => sql.placeholder(name);
  const carries =
    kind === "fiche"
      ? sql`${students.fiche} = ${value("fiche")}`
      : kind === "codePermanent"
        ? sql`${students.codePermanent} = ${value("codePermanent")}`
        : sql`false`;
  const failuresOf = (who: SQL) => sql`(select count(*)::int from ${associationAttempts} where ${who} and ${countedFailure()})`;
  return sql`
    select
      (select json_build_object('id', ${schoolBoards.id}, 'subscribed', ${schoolBoards.subscribed})
         from ${schoolBoards} where ${schoolBoards.id} = ${value("boardId")}) as board,
      ${failuresOf(sql`${associationAttempts.parentAccountId} = ${value("parentAccountId")}`)} as account_failures,
      ${ip === "ip" ? failuresOf(sql`${associationAttempts.ip} = ${value("ip")}`) : sql`0`} as ip_failures,
      (select coalesce(json_agg(json_build_object(
          'id', ${students.id}, 'fiche', ${students.fiche}, 'codePermanent', ${students.codePermanent},
          'lastName', ${students.lastName}, 'firstName', ${students.firstName}, 'birthDate', ${students.birthDate}::text,
          'schoolName', (select ${schools.name} from ${schools} where ${schools.id} = ${students.schoolId}),
          'guardianEmails', array(select ${guardianEmails.email} from ${guardianEmails}
                                  where ${guardianEmails.studentId} = ${students.id} order by ${guardianEmails.email})
        ) order by ${students.id}), '[]')
         from ${students}
         where ${students.boardId} = ${value("boardId")} and ${carries} and ${students.archivedAt} is null) as candidates,
      array(select ${associations.studentId} from ${associations}
            where ${associations.parentAccountId} = ${value("parentAccountId")} and ${associations.revokedAt} is null) as associated
  `;
});

function matchContextQuery(input: Omit<MatchInput, "accountEmail">, identifier: StudentIdentifier) {
  return matchContextStatement(
    {
      boardId: input.boardId,
      parentAccountId: input.parentAccountId,
      ip: input.ip,
      fiche: identifier.kind === "fiche" ? identifier.fiche : null,
      codePermanent: identifier.kind === "codePermanent" ? identifier.codePermanent : null,
    },
    `${identifier.kind}:${input.ip ? "ip" : "noIp"}`,
  );
}

function toMatchContext(row: MatchContextRow): MatchContext {
  return {
    board: row.board,
    failures: { account: Number(row.account_failures), ip: Number(row.ip_failures) },
    candidates: row.candidates,
    alreadyAssociatedStudentIds: row.associated.map(Number),
  };
}

/** The problem of a typed "YYYY-MM-DD" birth date (impossible, future, implausibly old), checked in America/Toronto. */
function birthDateProblem(typed: string): BirthDateProblem | null {
  const [year, month, day] = /^\d{4}-\d{1,2}-\d{1,2}$/.test(typed) ? typed.split("-") : [null, null, null];
  const parsed = parseBirthDate(day, month, year, isoDateIn(timeZone, new Date()));
  return parsed.ok ? null : parsed.reason;
}

/** The attempt to record and what the parent is told once it is written (its id is known then). */
type MatchDecision = {
  attempt: AttemptRow;
  associates?: { studentId: number };
  outcome: (attemptId: string) => AssociateOutcome;
};

/** The rule applied to what was read: limits first, then the typed date, then the diagnosis. */
function decideMatch(input: MatchInput, identifier: StudentIdentifier, context: MatchContext, limits: AssociationLimits): MatchDecision {
  const { board, failures } = context;
  const attempt = {
    parentAccountId: input.parentAccountId,
    method: "match" as const,
    boardId: board?.id ?? null,
    typed: { lastName: input.lastName, firstName: input.firstName, birthDate: input.birthDate, identifier: input.identifier },
    ip: input.ip,
    userAgent: input.userAgent,
  };
  const refuse = (reasons: AttemptReason[], messageKey: AssociateMessageKey, candidateStudentId: number | null = null): MatchDecision => ({
    attempt: { ...attempt, success: false, reasons, candidateStudentId },
    outcome: (attemptId) => ({ ok: false, attemptId, messageKey, reasons }),
  });

  const limited = limitReason(failures, limits);
  if (limited) return refuse([limited], "errors.tooManyAttempts");

  // The board is judged first (by the rule), so a closed portal is reported before a typing mistake.
  const dateProblem = board?.subscribed ? birthDateProblem(input.birthDate) : null;
  if (dateProblem) {
    const reason = { code: BIRTH_DATE_INVALID, field: "birthDate", kind: dateProblem, typed: input.birthDate };
    return refuse([reason], birthDateMessageKey(dateProblem));
  }

  const result = diagnoseAssociation(
    {
      boardId: input.boardId,
      lastName: input.lastName,
      firstName: input.firstName,
      birthDate: input.birthDate,
      identifier: input.identifier,
      accountEmail: input.accountEmail,
    },
    {
      board,
      candidates: board && identifier.kind !== "invalid" ? context.candidates : [],
      alreadyAssociatedStudentIds: context.alreadyAssociatedStudentIds,
      recentFailedAttempts: failures.account,
      maxAttempts: limits.failuresPerHourPerAccount,
    },
  );
  if (!result.ok) return refuse(result.reasons, parentMessageFor(result)!, result.candidateStudentId);

  const record = context.candidates.find((c) => c.id === result.studentId)!;
  return {
    attempt: { ...attempt, success: true, reasons: result.notes, candidateStudentId: result.studentId },
    associates: { studentId: result.studentId },
    outcome: (attemptId) => ({ ok: true, attemptId, child: { studentId: record.id, firstName: record.firstName, schoolName: record.schoolName } }),
  };
}

/**
 * Associates the account with the student designated by what the parent typed, or says why not. One attempt row
 * is written either way; nothing else changes on failure. One transaction: the account's lock and the context,
 * then the attempt (and the association) — three round trips (db/read-then-write.ts).
 */
export async function associateByMatch(
  input: MatchInput,
  limits: AssociationLimits = associationLimits,
): Promise<AssociateOutcome> {
  return (await matchAttempt(input, limits, { accountEmail: input.accountEmail }))!;
}

/**
 * associateByMatch for the parent of a session: the session check (the one touchParentSession makes) is read with
 * the lock and the context, and the session's touch written with the attempt, so it costs no round trip of its own.
 * Null when the session has ended or the account is disabled: nothing is written then.
 */
export async function associateByMatchInSession(
  sessionId: string,
  input: Omit<MatchInput, "accountEmail">,
  limits: AssociationLimits = associationLimits,
): Promise<AssociateOutcome | null> {
  return matchAttempt(input, limits, parentSessionCheck(sessionId, input.parentAccountId));
}

async function matchAttempt(
  input: Omit<MatchInput, "accountEmail">,
  limits: AssociationLimits,
  account: { accountEmail: string } | ParentSessionCheck,
): Promise<AssociateOutcome | null> {
  const identifier = parseStudentIdentifier(input.identifier);
  const session = "read" in account ? account : null;
  const reads = [accountLock({ key: accountLockKey(input.parentAccountId) }), matchContextQuery(input, identifier)];
  return readThenWrite(session ? [session.read, ...reads] : reads, (rows) => {
    const open = session ? session.open(rows[0]!) : { email: (account as { accountEmail: string }).accountEmail, touch: [] };
    // The session ended: the lock and the context were read for nothing, and nothing is written.
    if (!open) return { writes: [], result: () => null };
    const [row] = rows.at(-1)!;
    const decision = decideMatch({ ...input, accountEmail: open.email }, identifier, toMatchContext(row as MatchContextRow), limits);
    return {
      writes: [attemptWrite(decision.attempt, decision.associates), ...open.touch],
      result: ([[inserted]]) => decision.outcome(inserted!.id as string),
    };
  });
}

// ---------- Association by NIP ----------

export type NipInput = { parentAccountId: string; nip: string } & Client;

/** Why a NIP that the atomic consumption did not take is unusable, most specific first. */
function unusableReason(nip: Pick<Nip, "consumedAt" | "revokedAt" | "expiresAt">, now: Date): NipReasonCode | null {
  if (nip.consumedAt) return "nip_used";
  if (nip.revokedAt) return "nip_revoked";
  if (nip.expiresAt.getTime() <= now.getTime()) return "nip_expired";
  return null;
}

/**
 * Associates the account with the student a NIP was issued for. The NIP is consumed by one conditional UPDATE, so
 * of several accounts racing on one NIP exactly one succeeds. Only the first two characters of what was typed are
 * recorded; the parent gets the same message whether the NIP is unknown, expired, used or revoked.
 */
export async function associateByNip(
  input: NipInput,
  limits: AssociationLimits = associationLimits,
): Promise<AssociateOutcome> {
  return db.transaction(async (tx) => {
    await lockAccount(tx, input.parentAccountId);
    const normalized = normalizeNip(input.nip);
    const typedPrefix = (normalized ?? input.nip.replace(/[\s-]+/g, "").toUpperCase()).slice(0, 2);
    const attempt = {
      parentAccountId: input.parentAccountId,
      method: "nip" as const,
      typed: { nipPrefix: typedPrefix },
      ip: input.ip,
      userAgent: input.userAgent,
    };
    const refuse = async (
      reasons: AttemptReason[],
      messageKey: AssociateMessageKey,
      nip: Pick<Nip, "id" | "boardId" | "studentId"> | null = null,
    ) => {
      const attemptId = await recordAttempt(tx, {
        ...attempt,
        boardId: nip?.boardId ?? null,
        candidateStudentId: nip?.studentId ?? null,
        nipId: nip?.id ?? null,
        success: false,
        reasons,
      });
      return { ok: false as const, attemptId, messageKey, reasons };
    };

    const limited = limitReason(await recentFailures(tx, input.parentAccountId, input.ip), limits);
    if (limited) return refuse([limited], "errors.tooManyAttempts");
    if (normalized === null) {
      return refuse([{ code: "nip_unknown", field: "nip", kind: "malformed" }], NIP_INVALID_MESSAGE_KEY);
    }

    const codeHash = hashSecret(normalized, "nip");
    const [found] = await tx.select().from(nips).where(eq(nips.codeHash, codeHash));
    if (!found) return refuse([{ code: "nip_unknown", field: "nip" }], NIP_INVALID_MESSAGE_KEY);

    const alreadyAssociated = (await activeAssociationStudentIds(tx, input.parentAccountId)).includes(found.studentId);
    if (alreadyAssociated) return refuse([{ code: "already_associated" }], "errors.alreadyAssociated", found);

    const [consumed] = await tx
      .update(nips)
      .set({ consumedAt: sql`now()`, consumedByAccountId: input.parentAccountId })
      .where(
        and(
          eq(nips.codeHash, codeHash),
          isNull(nips.consumedAt),
          isNull(nips.revokedAt),
          gt(nips.expiresAt, sql`now()`),
        ),
      )
      .returning();
    if (!consumed) {
      // Another account took it meanwhile, or it was revoked or expired: read its state as it is now.
      const [current] = await tx.select().from(nips).where(eq(nips.id, found.id));
      const code = unusableReason(current ?? found, new Date()) ?? "nip_used";
      return refuse([{ code, field: "nip" }], NIP_INVALID_MESSAGE_KEY, found);
    }

    const child = await createAssociation(tx, input.parentAccountId, consumed.studentId, "nip");
    const attemptId = await recordAttempt(tx, {
      ...attempt,
      boardId: consumed.boardId,
      candidateStudentId: consumed.studentId,
      nipId: consumed.id,
      success: true,
      reasons: [],
    });
    return { ok: true as const, attemptId, child };
  });
}

// ---------- My children ----------

export type SchoolContact = {
  name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  website: string | null;
};

export type AssociatedChild = {
  studentId: number;
  firstName: string;
  lastName: string;
  grade: string | null;
  associatedAt: Date;
  school: SchoolContact;
  board: { id: number; name: string };
};

/** A child whose record carries the account's email but who is not associated: only what the form may pre-fill. */
export type ChildSeenByEmail = { firstName: string; schoolName: string; boardId: number; boardName: string };

export type BoardLinks = {
  id: number;
  name: string;
  firstRegistrationUrl: string | null;
  otherSchoolUrl: string | null;
};

export type ParentChildren = {
  associated: AssociatedChild[];
  seenByEmail: ChildSeenByEmail[];
  /** The boards of those children, for their "first registration" and "another school" forms. */
  boards: BoardLinks[];
};

/**
 * The account's associated children, and the children of subscribed boards whose record carries `email` but who are
 * not associated yet. Guardian emails are compared case-insensitively, like the matching rule does.
 */
export async function childrenOfParent(parentAccountId: string, email: string): Promise<ParentChildren> {
  const associatedRows = await db
    .select({
      studentId: students.id,
      firstName: students.firstName,
      lastName: students.lastName,
      grade: students.grade,
      associatedAt: associations.createdAt,
      school: {
        name: schools.name,
        phone: schools.phone,
        email: schools.email,
        address: schools.address,
        website: schools.website,
      },
      board: { id: schoolBoards.id, name: schoolBoards.name },
      firstRegistrationUrl: schoolBoards.firstRegistrationUrl,
      otherSchoolUrl: schoolBoards.otherSchoolUrl,
    })
    .from(associations)
    .innerJoin(students, eq(students.id, associations.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(schoolBoards, eq(schoolBoards.id, students.boardId))
    .where(
      and(
        eq(associations.parentAccountId, parentAccountId),
        isNull(associations.revokedAt),
        isNull(students.archivedAt),
      ),
    )
    .orderBy(asc(students.firstName), asc(students.id));

  const activeAssociation = db
    .select({ one: sql`1` })
    .from(associations)
    .where(
      and(
        eq(associations.studentId, students.id),
        eq(associations.parentAccountId, parentAccountId),
        isNull(associations.revokedAt),
      ),
    );
  // A child the parent said is not theirs is not offered again for association.
  const reportedNotMine = db
    .select({ one: sql`1` })
    .from(privacyIncidents)
    .where(
      and(
        eq(privacyIncidents.reportedByParentId, parentAccountId),
        eq(privacyIncidents.source, "parent_report"),
        sql`${students.id} = any(${privacyIncidents.studentIds})`,
      ),
    );
  const seenRows = await db
    .selectDistinctOn([students.id], {
      studentId: students.id,
      firstName: students.firstName,
      schoolName: schools.name,
      boardId: schoolBoards.id,
      boardName: schoolBoards.name,
      firstRegistrationUrl: schoolBoards.firstRegistrationUrl,
      otherSchoolUrl: schoolBoards.otherSchoolUrl,
    })
    .from(guardianEmails)
    .innerJoin(students, eq(students.id, guardianEmails.studentId))
    .innerJoin(schools, eq(schools.id, students.schoolId))
    .innerJoin(schoolBoards, eq(schoolBoards.id, students.boardId))
    .where(
      and(
        eq(guardianEmails.email, normalizeEmail(email)),
        isNull(students.archivedAt),
        eq(schoolBoards.subscribed, true),
        notExists(activeAssociation),
        notExists(reportedNotMine),
      ),
    )
    .orderBy(asc(students.id));

  const boards = new Map<number, BoardLinks>();
  for (const row of [...associatedRows.map((r) => ({ ...r, boardId: r.board.id, boardName: r.board.name })), ...seenRows]) {
    if (!boards.has(row.boardId)) {
      boards.set(row.boardId, {
        id: row.boardId,
        name: row.boardName,
        firstRegistrationUrl: row.firstRegistrationUrl,
        otherSchoolUrl: row.otherSchoolUrl,
      });
    }
  }

  return {
    associated: associatedRows.map(({ firstRegistrationUrl: _f, otherSchoolUrl: _o, ...child }) => child),
    seenByEmail: seenRows
      .map(({ firstName, schoolName, boardId, boardName }) => ({ firstName, schoolName, boardId, boardName }))
      .sort((a, b) => a.firstName.localeCompare(b.firstName, "fr")),
    boards: [...boards.values()].sort((a, b) => a.name.localeCompare(b.name, "fr")),
  };
}
