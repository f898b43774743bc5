// The action staff are advised to take for a failed attempt, from its findings.
//
// A NIP hands the child's file to whoever types it, so it is suggested only when the record compared is clearly
// this parent's child (the account's email is a guardian email on it) and what blocks is a typing difference a NIP
// gets past (birth date, names). When the email is not on the record and something else differs too, nothing
// says the parent is a guardian: staff are told to check who they are before changing anything.
import { isNameReason, reasonBlocks, type ReasonCode } from "@/lib/association/reasons";

export type SuggestedFix = "fix_email" | "tell_spelling" | "issue_nip" | "find_student" | "verify_identity";

/** Nothing staff can fix for the parent: the portal is closed for that board, or the child is already associated. */
const NOTHING_TO_FIX: ReadonlySet<string> = new Set<ReasonCode>([
  "board_unknown",
  "board_not_subscribed",
  "already_associated",
]);

/** Findings about the typed details of a record that a NIP resolves once staff know the parent is a guardian. */
const NIP_RESOLVES: ReadonlySet<string> = new Set<ReasonCode>(["birth_date_differs", "last_name_differs", "first_name_differs"]);

type ReasonLike = { code: string; kind?: string };

/**
 * "fix_email" when the guardian email is the only blocking finding (correct the record and the parent retries),
 * "tell_spelling" when only names block (tell the parent the spelling on the record), "issue_nip" when the
 * account's email is on the record and only the birth date (with or without names) blocks, or when a NIP the
 * school gave ran out; "find_student" when no record carries the typed fiche or code permanent (find it, then
 * decide); "verify_identity" when the email is not on the record and other details differ too; null when nothing
 * blocks or nothing can be fixed (a closed portal, an already associated child, the attempt limit, a refused NIP,
 * a mistyped identifier or date the parent corrects). Accepts stored reasons (AttemptReason).
 */
export function suggestedFix(reasons: ReadonlyArray<ReasonLike>): SuggestedFix | null {
  const blocking = reasons.filter(reasonBlocks);
  if (blocking.length === 0) return null;
  if (blocking.some((reason) => NOTHING_TO_FIX.has(reason.code))) return null;
  if (blocking.every((reason) => reason.code === "email_not_on_record")) return "fix_email";
  if (blocking.every(isNameReason)) return "tell_spelling";
  if (blocking.some((reason) => reason.code === "email_not_on_record")) return "verify_identity";
  if (blocking.every((reason) => NIP_RESOLVES.has(reason.code))) return "issue_nip";
  if (blocking.length === 1 && blocking[0]!.code === "nip_expired") return "issue_nip";
  if (blocking.length === 1 && blocking[0]!.code === "student_not_found") return "find_student";
  return null;
}
