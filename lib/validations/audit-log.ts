// Filters of the audit log (/admin/journal), read from the URL: anything malformed is dropped rather than refused.
import { z } from "zod";
import { isoDateParam } from "@/lib/validations/date-range";

export const AUDIT_PAGE_SIZE = 50;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((value) => value || undefined);

const rowId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);

export const auditFilterSchema = z.object({
  actor: z.uuid().optional().catch(undefined),
  action: z
    .string()
    .trim()
    .regex(/^[a-z_]+(\.[a-z_]+)*$/)
    .max(80)
    .optional()
    .catch(undefined),
  /** A fiche number, a code permanent or words of a name. */
  student: text(200),
  /** The id of one student (links from a student page). */
  studentId: rowId,
  /** A parent account's email, or part of it. */
  account: text(254),
  from: isoDateParam,
  to: isoDateParam,
  /** Keyset pagination: rows older than this id, or newer than this id. */
  before: rowId,
  after: rowId,
});
export type AuditFilters = z.output<typeof auditFilterSchema>;
