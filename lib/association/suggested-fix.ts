// The action staff are advised to take for a failed attempt, from its findings.
import { isNameReason, reasonBlocks, type ReasonCode } from "@/lib/association/reasons";

export type SuggestedFix = "fix_email" | "tell_spelling" | "issue_nip";

/** Nothing staff can fix for the parent: the portal is closed for that board, or the child is already associated. */
const NOTHING_TO_FIX: ReadonlySet<string> = new Set<ReasonCode>([
  "board_unknown",
  "board_not_subscribed",
  "already_associated",
]);

/**
 * "fix_email" when the guardian email is the only blocking finding (correct the record and the parent retries),
 * "tell_spelling" when only names block (tell the parent the spelling on the record), "issue_nip" for anything
 * else a NIP bypasses, null when nothing blocks or nothing can be fixed. Accepts stored reasons (AttemptReason).
 */
export function suggestedFix(reasons: ReadonlyArray<{ code: string; kind?: string }>): SuggestedFix | null {
  const blocking = reasons.filter(reasonBlocks);
  if (blocking.length === 0) return null;
  if (blocking.some((reason) => NOTHING_TO_FIX.has(reason.code))) return null;
  if (blocking.every((reason) => reason.code === "email_not_on_record")) return "fix_email";
  if (blocking.every(isNameReason)) return "tell_spelling";
  return "issue_nip";
}
