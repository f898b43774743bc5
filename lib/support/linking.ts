// Linking and routing of a new ticket. A ticket links itself to the parent account with its email, that
// account's recent association attempts, and the students whose record carries the email, whose fiche the
// parent typed, or whom an attempt was about. It is routed to a school (from a linked student), else a board
// (chosen on the form, else inferred from the attempts), else the service-centre queue (no board).

export type RecordRef = { studentId: number; schoolId: number; boardId: number };
export type AttemptRef = {
  id: string;
  createdAt: Date;
  boardId: number | null;
  success: boolean;
  candidate: RecordRef | null;
};

export type LinkReason = "typed_fiche" | "attempt" | "email_on_record" | "staff";

export type LinkingInput = {
  /** The account's attempts, newest first. */
  attempts: AttemptRef[];
  /** Records whose guardian emails include the ticket's email. */
  recordsWithEmail: RecordRef[];
  /** Records with the fiche the parent typed (within the board chosen, or every board when none was). */
  recordsWithTypedFiche: RecordRef[];
  chosenBoardId: number | null;
  now: Date;
};

export type Linking = {
  attemptIds: string[];
  students: { studentId: number; reason: LinkReason }[];
  route: { schoolId: number | null; boardId: number | null };
};

/** Attempts older than this, or beyond this many, are not linked: they are history, not the problem at hand. */
export const LINKED_ATTEMPT_DAYS = 30;
export const LINKED_ATTEMPT_MAX = 10;
export const LINKED_STUDENT_MAX = 20;

export function linkTicket(input: LinkingInput): Linking {
  const since = input.now.getTime() - LINKED_ATTEMPT_DAYS * 86_400_000;
  const attempts = input.attempts.filter((a) => a.createdAt.getTime() >= since).slice(0, LINKED_ATTEMPT_MAX);
  const failed = attempts.filter((a) => !a.success);

  // A fiche typed without a board can match records in several boards: only an unambiguous one is linked.
  const typed = input.chosenBoardId === null && input.recordsWithTypedFiche.length > 1 ? [] : input.recordsWithTypedFiche;

  // In priority order: what the parent typed, what the failed attempts were about, then the records with the email.
  const ordered: { record: RecordRef; reason: LinkReason }[] = [
    ...typed.map((record) => ({ record, reason: "typed_fiche" as const })),
    ...failed.flatMap((a) => (a.candidate ? [{ record: a.candidate, reason: "attempt" as const }] : [])),
    ...input.recordsWithEmail.map((record) => ({ record, reason: "email_on_record" as const })),
  ];
  const seen = new Set<number>();
  const linked: { record: RecordRef; reason: LinkReason }[] = [];
  for (const entry of ordered) {
    if (seen.has(entry.record.studentId)) continue;
    seen.add(entry.record.studentId);
    linked.push(entry);
  }
  const students = linked.slice(0, LINKED_STUDENT_MAX);

  return {
    attemptIds: attempts.map((a) => a.id),
    students: students.map(({ record, reason }) => ({ studentId: record.studentId, reason })),
    route: routeTicket({ linked: students.map((s) => s.record), failed, chosenBoardId: input.chosenBoardId }),
  };
}

function routeTicket(input: { linked: RecordRef[]; failed: AttemptRef[]; chosenBoardId: number | null }): Linking["route"] {
  const { linked, chosenBoardId } = input;
  // A board the parent chose wins over records elsewhere; within it, the first linked record names the school.
  const candidates = chosenBoardId === null ? linked : linked.filter((r) => r.boardId === chosenBoardId);
  const first = candidates[0];
  if (first) return { schoolId: first.schoolId, boardId: first.boardId };
  if (chosenBoardId !== null) return { schoolId: null, boardId: chosenBoardId };
  const inferred = input.failed.find((a) => a.boardId !== null)?.boardId ?? null;
  return { schoolId: null, boardId: inferred };
}
