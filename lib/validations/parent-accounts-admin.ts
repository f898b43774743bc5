// Staff lookups of parent accounts and the actions on one account (identified by id, never by a typed address).
import { z } from "zod";

export const ACCOUNT_SEARCH_LIMIT = 25;

/** The search box of /admin/comptes, read from the URL. */
export const accountSearchSchema = z.object({
  q: z.string().trim().max(254).catch(""),
});

export const accountActionSchema = z.object({ accountId: z.uuid({ error: "invalid" }) });
export type AccountActionInput = z.input<typeof accountActionSchema>;
