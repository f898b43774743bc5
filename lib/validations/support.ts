// The help form: what a parent writes to support, with what the portal already knows filled in.
import { z } from "zod";
import { emailSchema } from "@/lib/validations/auth";
import { ticketTopics } from "@/lib/support/ticket-values";
import { failedSteps } from "@/lib/support/topics";
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "@/lib/support/attachment-rules";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .optional()
    .transform((v) => (v ? v : undefined));

/** Files as the browser holds them; the server checks their bytes again (lib/support/attachments.ts). */
const attachmentsSchema = z
  .array(z.custom<{ size: number; name: string }>((v) => typeof v === "object" && v !== null && "size" in v && "name" in v, "invalid"))
  .max(MAX_ATTACHMENTS, "tooManyAttachments")
  .refine((files) => files.every((f) => f.size <= MAX_ATTACHMENT_BYTES), "attachmentTooLarge")
  .optional();

export const supportRequestSchema = z.object({
  email: emailSchema,
  topic: z.enum(ticketTopics, { error: "required" }),
  childName: optionalText(200),
  boardId: z
    .union([z.literal(""), z.coerce.number().int().positive()])
    .optional()
    .transform((v) => (typeof v === "number" ? v : undefined)),
  schoolText: optionalText(200),
  fiche: optionalText(20),
  errorMessage: optionalText(500),
  message: z.string({ error: "required" }).trim().min(10, "messageTooShort").max(4000, "tooLong"),
  browser: optionalText(300),
  failedStep: z.enum(failedSteps).optional().or(z.literal("").transform(() => undefined)),
  failedAt: optionalText(40),
  attachments: attachmentsSchema,
});

export type SupportRequestInput = z.input<typeof supportRequestSchema>;

export const parentReplySchema = z.object({
  ticketId: z.uuid(),
  body: z.string({ error: "required" }).trim().min(2, "required").max(4000, "tooLong"),
});
export type ParentReplyInput = z.input<typeof parentReplySchema>;
