// Schemas of the support desk: the queue's URL filters (never throwing: a bad value is dropped) and staff actions.
import { z } from "zod";
import { ticketStatuses, ticketTopics } from "@/lib/support/ticket-values";

export const TICKET_PAGE_SIZE = 25;
export const ticketAges = [1, 3, 7, 30] as const;

const catchUndefined = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const ticketFilterSchema = z.object({
  status: z.enum([...ticketStatuses, "active", "all"]).catch("active").default("active"),
  topic: catchUndefined(z.enum(ticketTopics)),
  school: catchUndefined(z.coerce.number().int().positive().max(2_147_483_647)),
  assigned: catchUndefined(z.enum(["me", "none"])),
  age: catchUndefined(z.coerce.number().pipe(z.union(ticketAges.map((a) => z.literal(a)) as [z.ZodLiteral<1>, z.ZodLiteral<3>, z.ZodLiteral<7>, z.ZodLiteral<30>]))),
  order: z.enum(["oldest", "newest"]).catch("oldest").default("oldest"),
  page: z.coerce.number().int().min(1).max(400).catch(1).default(1),
});
export type TicketFilters = z.output<typeof ticketFilterSchema>;

const ticketId = z.uuid();

export const staffReplySchema = z.object({
  ticketId,
  body: z.string({ error: "required" }).trim().min(2, "required").max(8000, "tooLong"),
  resolve: z.boolean().default(false),
});
export type StaffReplyInput = z.input<typeof staffReplySchema>;

export const internalNoteSchema = z.object({
  ticketId,
  body: z.string({ error: "required" }).trim().min(2, "required").max(8000, "tooLong"),
});
export type InternalNoteInput = z.input<typeof internalNoteSchema>;

export const ticketStatusSchema = z.object({ ticketId, status: z.enum(ticketStatuses) });
export const assignTicketSchema = z.object({ ticketId, assigneeId: z.union([z.uuid(), z.literal("")]).transform((v) => v || null) });
export const rerouteTicketSchema = z.object({
  ticketId,
  /** "school:<id>", "board:<id>" or "none" (the service-centre queue). */
  route: z
    .string()
    .regex(/^(school:\d{1,9}|board:\d{1,9}|none)$/, "invalid")
    .transform((v) => {
      const [kind, id] = v.split(":");
      return kind === "school" ? { schoolId: Number(id), boardId: null } : kind === "board" ? { schoolId: null, boardId: Number(id) } : { schoolId: null, boardId: null };
    }),
});
const ficheField = z
  .string({ error: "required" })
  .trim()
  .max(20, "invalid")
  .transform((v) => v.replace(/^e/i, "").replace(/^0+(?=\d)/, ""))
  .pipe(z.string().regex(/^\d{1,7}$/, "invalid"));

export const linkFicheSchema = z.object({ ticketId, fiche: ficheField });
/** Link a record by its fiche (as staff read it on the report card or the student page), or unlink one by id. */
export const linkStudentSchema = z.union([linkFicheSchema, z.object({ ticketId, unlinkStudentId: z.coerce.number().int().positive().max(2_147_483_647) })]);
export type LinkFicheInput = z.input<typeof linkFicheSchema>;

export const savedReplySchema = z.object({
  boardId: z
    .union([z.literal(""), z.coerce.number().int().positive()])
    .optional()
    .transform((v) => (typeof v === "number" ? v : null)),
  title: z.string({ error: "required" }).trim().min(2, "required").max(120, "tooLong"),
  body: z.string({ error: "required" }).trim().min(2, "required").max(8000, "tooLong"),
  locale: z.enum(["fr", "en"]).default("fr"),
});
export type SavedReplyFormInput = z.input<typeof savedReplySchema>;

/** The queue's URL for filters (defaults left out, so a shared link stays short). */
export function ticketQueryString(filters: Partial<TicketFilters>): string {
  const params = new URLSearchParams();
  if (filters.status && filters.status !== "active") params.set("status", filters.status);
  if (filters.topic) params.set("topic", filters.topic);
  if (filters.school) params.set("school", String(filters.school));
  if (filters.assigned) params.set("assigned", filters.assigned);
  if (filters.age) params.set("age", String(filters.age));
  if (filters.order && filters.order !== "oldest") params.set("order", filters.order);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  return params.toString();
}

export const savedReplyIdSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
