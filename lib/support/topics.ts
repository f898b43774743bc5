// What a help request is about, and which failure screen sends the parent to which help.
import { ticketTopics, type TicketTopic } from "@/lib/support/ticket-values";

export { ticketTopics, type TicketTopic };

/** Steps a failure screen can name when it links to /aide (the ?etape= parameter). */
export const failedSteps = ["association_refused", "nip_refused", "code_refused", "code_not_received", "signin_blocked"] as const;
export type FailedStep = (typeof failedSteps)[number];

/** The topic a failed step preselects, and the help entry (/aide#…) that answers it. */
export const failedStepHelp: Record<FailedStep, { topic: TicketTopic; faq: string }> = {
  association_refused: { topic: "association", faq: "noMatch" },
  nip_refused: { topic: "nip", faq: "nip" },
  code_refused: { topic: "account_creation", faq: "codeExpired" },
  code_not_received: { topic: "code_not_received", faq: "codeMissing" },
  signin_blocked: { topic: "sign_in", faq: "signinBlocked" },
};

export function toFailedStep(value: unknown): FailedStep | null {
  return failedSteps.includes(value as FailedStep) ? (value as FailedStep) : null;
}

export function toTopic(value: unknown): TicketTopic | null {
  return ticketTopics.includes(value as TicketTopic) ? (value as TicketTopic) : null;
}

/** When the failure happened, from the link's ?quand= (ISO time); ignored when unreadable, in the future or older than a week. */
export function parseFailedAt(value: unknown, now: Date = new Date()): Date | null {
  if (typeof value !== "string" || value.length > 40) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return null;
  if (at.getTime() > now.getTime() + 60_000 || at.getTime() < now.getTime() - 7 * 86_400_000) return null;
  return at;
}

/** The /aide link a failure screen shows: the help entry's anchor, the step and when it failed. */
export function helpLinkFor(step: FailedStep, at: Date = new Date()): string {
  const params = new URLSearchParams({ etape: step, quand: at.toISOString() });
  return `/aide?${params.toString()}#${failedStepHelp[step].faq}`;
}
