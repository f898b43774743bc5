// The help form: what a parent writes to support, with what the portal already knows filled in.
import { z } from "zod";
import { emailSchema } from "@/lib/validations/auth";

export const supportSections = ["signup", "signin", "password", "association", "children", "other"] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .optional()
    .transform((v) => (v ? v : undefined));

export const supportRequestSchema = z.object({
  email: emailSchema,
  section: z.enum(supportSections, { error: "required" }),
  childName: optionalText(120),
  errorMessage: optionalText(500),
  message: z.string({ error: "required" }).trim().min(10, "messageTooShort").max(4000, "tooLong"),
  browser: optionalText(300),
});

export type SupportRequestInput = z.input<typeof supportRequestSchema>;
