// The values of a ticket's status-like columns (CHECK constraints in db/schema.ts), shared with forms and screens.

/** Topics a parent picks on the help form. */
export const ticketTopics = ["account_creation", "code_not_received", "sign_in", "association", "nip", "other"] as const;
/** new → open → waiting (for the parent) → resolved; a parent's message reopens. */
export const ticketStatuses = ["new", "open", "waiting", "resolved"] as const;
export const ticketMessageKinds = ["parent", "staff", "note", "system"] as const;

export type TicketTopic = (typeof ticketTopics)[number];
export type TicketStatus = (typeof ticketStatuses)[number];
