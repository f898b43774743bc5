// Zod schemas of the staff administration and second-factor forms, shared by the forms and the server actions.
// Messages are catalog keys, looked up in "staffAdmin.validation", then "admin.validation", then "validation".
import { z } from "zod";
import { emailSchema } from "@/lib/validations/auth";
import { reasonSchema } from "@/lib/validations/staff";

/** The staff roles (the staff_role enum of db/schema.ts). */
export const staffRoles = ["secretary", "board_support", "privacy_officer", "admin"] as const;

const id = z.coerce.number({ error: "invalid" }).int("invalid").positive("invalid");
const optionalId = z.preprocess((value) => (value === "" || value === null || value === undefined ? null : value), id.nullable());

export const staffIdSchema = z.object({ staffId: z.uuid({ error: "invalid" }) });

const assignmentFields = {
  role: z.enum(staffRoles, { error: "roleRequired" }),
  boardId: optionalId,
  schoolIds: z.preprocess((value) => (value === undefined || value === false ? [] : Array.isArray(value) ? value : [value]), z.array(id).max(50, "tooMany")),
};

function checkAssignment(value: { role: string; boardId: number | null; schoolIds: number[] }, ctx: z.RefinementCtx) {
  if (value.role === "secretary" && value.schoolIds.length === 0) {
    ctx.addIssue({ code: "custom", path: ["schoolIds"], message: "schoolsRequired" });
  }
  if ((value.role === "board_support" || value.role === "privacy_officer") && value.boardId === null) {
    ctx.addIssue({ code: "custom", path: ["boardId"], message: "boardRequired" });
  }
}

export const inviteStaffSchema = z
  .object({
    email: emailSchema,
    name: z.string({ error: "required" }).trim().min(2, "nameTooShort").max(100, "tooLong"),
    ...assignmentFields,
  })
  .superRefine(checkAssignment);
export type InviteStaffInput = z.input<typeof inviteStaffSchema>;

export const changeAssignmentSchema = z
  .object({ staffId: z.uuid({ error: "invalid" }), ...assignmentFields })
  .superRefine(checkAssignment);
export type ChangeAssignmentInput = z.input<typeof changeAssignmentSchema>;

export const deactivateStaffSchema = z.object({ staffId: z.uuid({ error: "invalid" }), reason: reasonSchema });
export type DeactivateStaffInput = z.input<typeof deactivateStaffSchema>;

export const boardMfaSchema = z.object({ boardId: id, required: z.boolean({ error: "invalid" }) });

/** A board's composition rule: character classes required, 0 (none, the default) to 4 (school_boards' check). */
export const boardPasswordRuleSchema = z.object({
  boardId: id,
  minClasses: z.coerce.number({ error: "invalid" }).int("invalid").min(0, "invalid").max(4, "invalid"),
});

/** A TOTP code (6 digits) or a recovery code (xxxxx-xxxxx); told apart by the query. */
export const secondFactorCodeSchema = z.object({
  code: z.string({ error: "required" }).trim().min(1, "required").max(40, "codeInvalid"),
});
export type SecondFactorCodeInput = z.input<typeof secondFactorCodeSchema>;

export const passkeyNameSchema = z.object({
  name: z.string({ error: "required" }).trim().min(1, "required").max(60, "tooLong"),
});
