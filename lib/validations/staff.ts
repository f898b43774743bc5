// Zod schemas of the staff back-office forms, shared by the react-hook-form resolvers and the server actions.
// Messages are catalog keys: looked up in "admin.validation" first, then in "validation".
import { z } from "zod";
import { emailSchema } from "@/lib/validations/auth";
import { normalizeEmail } from "@/lib/email-address";

const id = z.coerce.number({ error: "invalid" }).int("invalid").positive("invalid");
const uuid = z.uuid({ error: "invalid" });

/** Why a staff member changed something: required, kept in the audit log. */
export const reasonSchema = z.string({ error: "required" }).trim().min(3, "reasonTooShort").max(500, "tooLong");

// ---------- Student search ----------

export const STUDENT_PAGE_SIZE = 25;

export const studentSearchSchema = z.object({
  q: z.string().trim().max(200, "tooLong").catch(""),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
export type StudentSearch = z.output<typeof studentSearchSchema>;

// ---------- Guardian email on a student record ----------

export const guardianEmailChangeSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("replace"), studentId: id, guardianEmailId: id, newEmail: emailSchema, reason: reasonSchema }),
  z.object({ mode: z.literal("add"), studentId: id, newEmail: emailSchema, reason: reasonSchema }),
  z.object({ mode: z.literal("remove"), studentId: id, guardianEmailId: id, reason: reasonSchema }),
]);
export type GuardianEmailChangeInput = z.input<typeof guardianEmailChangeSchema>;
export type GuardianEmailChange = z.output<typeof guardianEmailChangeSchema>;

// ---------- NIP ----------

/**
 * Where the NIP goes besides the screen. "record": one of the guardian emails on the record (checked again in the
 * database). "typed": an address the secretary types twice, e.g. the parent's account email when the record's is
 * outdated; the address is kept in the audit log so a NIP emailed to a wrong person can be traced.
 */
export const nipDeliveries = ["screen", "record", "typed"] as const;
export type NipDelivery = (typeof nipDeliveries)[number];

export const issueNipSchema = z
  .object({
    studentId: id,
    delivery: z.enum(nipDeliveries, { error: "invalid" }),
    recordEmail: z.string().max(254, "emailTooLong").optional(),
    typedEmail: z.string().max(254, "emailTooLong").optional(),
    typedEmailConfirmation: z.string().max(254, "emailTooLong").optional(),
  })
  .superRefine((value, ctx) => {
    const check = (field: "recordEmail" | "typedEmail" | "typedEmailConfirmation") => {
      const raw = value[field] ?? "";
      if (raw.trim() === "") return ctx.addIssue({ code: "custom", path: [field], message: "required" }), false;
      const parsed = emailSchema.safeParse(raw);
      if (!parsed.success) ctx.addIssue({ code: "custom", path: [field], message: parsed.error.issues[0]!.message });
      return parsed.success;
    };
    if (value.delivery === "record") check("recordEmail");
    if (value.delivery === "typed") {
      const first = check("typedEmail");
      const second = check("typedEmailConfirmation");
      if (first && second && normalizeEmail(value.typedEmail!) !== normalizeEmail(value.typedEmailConfirmation!)) {
        ctx.addIssue({ code: "custom", path: ["typedEmailConfirmation"], message: "emailConfirmationMismatch" });
      }
    }
  })
  .transform(({ studentId, delivery, recordEmail, typedEmail }) => ({
    studentId,
    email:
      delivery === "record"
        ? { address: normalizeEmail(recordEmail!), source: "record" as const }
        : delivery === "typed"
          ? { address: normalizeEmail(typedEmail!), source: "typed" as const }
          : null,
  }));
export type IssueNipInput = z.input<typeof issueNipSchema>;
export type IssueNipOutput = z.output<typeof issueNipSchema>;

export const revokeNipSchema = z.object({ nipId: uuid });

// ---------- Associations ----------

export const revokeAssociationSchema = z.object({ associationId: uuid, reason: reasonSchema });
export type RevokeAssociationInput = z.input<typeof revokeAssociationSchema>;

// ---------- "Why did it fail?" ----------

export const ATTEMPT_PAGE_SIZE = 20;

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
  .optional()
  .catch(undefined);

/** The attempts page's filters, read from the URL: anything malformed is dropped rather than refused. */
export const attemptFilterSchema = z
  .object({
    email: z.string().trim().max(254).optional().catch(undefined),
    student: z.string().trim().max(200).optional().catch(undefined),
    school: z.coerce.number().int().positive().optional().catch(undefined),
    from: isoDate,
    to: isoDate,
    outcome: z.enum(["failed", "all"]).catch("failed"),
    page: z.coerce.number().int().min(1).max(1000).catch(1),
  })
  .transform((filters) => ({
    ...filters,
    email: filters.email || undefined,
    student: filters.student || undefined,
  }));
export type AttemptFilters = z.output<typeof attemptFilterSchema>;
