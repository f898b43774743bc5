// Staff lookups of parent accounts and the actions on one account (identified by id, never by a typed address).
import { z } from "zod";
import { normalizeEmail } from "@/lib/email-address";

/** Accounts a search lists at most. */
export const ACCOUNT_SEARCH_LIMIT = 25;
/** Characters a part of an address needs to be searched: a shorter one would match nearly every account. */
export const ACCOUNT_SEARCH_MIN_LENGTH = 3;

/** What a search of the accounts asks: nothing yet, too little to search, part of an address, or a whole address. */
export type AccountSearchKind = "none" | "tooShort" | "partial" | "address";

export function accountSearchKind(query: string): AccountSearchKind {
  const q = normalizeEmail(query);
  if (q === "") return "none";
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(q)) return "address";
  return q.length < ACCOUNT_SEARCH_MIN_LENGTH ? "tooShort" : "partial";
}

/** The search box of /admin/comptes, read from the URL. */
export const accountSearchSchema = z.object({
  q: z.string().trim().max(254).catch(""),
});

export const accountActionSchema = z.object({ accountId: z.uuid({ error: "invalid" }) });
export type AccountActionInput = z.input<typeof accountActionSchema>;
