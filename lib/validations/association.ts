// Zod schemas of the association form (by matching, or by NIP), shared by the react-hook-form resolver and the
// server actions. Messages are full catalog keys ("namespace.key"): the date and identifier problems reuse the
// "association" namespace's parent messages. Only checks about the input itself live here (it reveals nothing
// about any record); the database query re-checks the date and the identifier and records the attempt.
import { z } from "zod";
import { birthDateMessageKey, identifierMessageKey } from "@/lib/association/parent-message";
import { isoDateIn, parseBirthDate } from "@/lib/birth-date";
import { timeZone } from "@/lib/i18n/locale";
import { parseStudentIdentifier } from "@/lib/identifiers";

const REQUIRED = "validation.required";
const TOO_LONG = "validation.tooLong";

/**
 * Characters of a NIP once spaces and hyphens are removed. Equal to NIP_LENGTH in lib/association/nip-code.ts,
 * which cannot be imported here (it needs node:crypto and this module runs in the browser); a unit test checks it.
 */
export const NIP_TYPED_LENGTH = 8;

const personName = z.string({ error: REQUIRED }).trim().min(1, REQUIRED).max(100, TOO_LONG);

const birthDateParts = z
  .object({
    day: z.string({ error: REQUIRED }).trim().max(2, "association.errors.impossibleDate"),
    month: z.string({ error: REQUIRED }).trim().max(2, "association.errors.impossibleDate"),
    year: z.string({ error: REQUIRED }).trim().max(4, "association.errors.impossibleDate"),
  })
  .transform((parts, ctx) => {
    const parsed = parseBirthDate(parts.day, parts.month, parts.year, isoDateIn(timeZone, new Date()));
    if (parsed.ok) return parsed.isoDate;
    ctx.addIssue({ code: "custom", message: `association.${birthDateMessageKey(parsed.reason)}` });
    return z.NEVER;
  });

export const associateByMatchSchema = z.object({
  boardId: z
    .string({ error: "associate.validation.boardRequired" })
    .regex(/^\d{1,9}$/, "associate.validation.boardRequired")
    .transform(Number),
  lastName: personName,
  firstName: personName,
  birthDate: birthDateParts,
  identifier: z
    .string({ error: REQUIRED })
    .max(40, TOO_LONG)
    .superRefine((value, ctx) => {
      const parsed = parseStudentIdentifier(value);
      if (parsed.kind === "invalid") {
        ctx.addIssue({ code: "custom", message: `association.${identifierMessageKey(parsed.reason)}` });
      }
    }),
});

export const associateByNipSchema = z.object({
  nip: z
    .string({ error: REQUIRED })
    .max(40, TOO_LONG)
    .refine((value) => value.trim() !== "", REQUIRED)
    .refine((value) => value.replace(/[\s\-‐‑–—]+/gu, "").length === NIP_TYPED_LENGTH, "associate.validation.nipLength"),
});

export type AssociateByMatchInput = z.input<typeof associateByMatchSchema>;
export type AssociateByMatchValues = z.output<typeof associateByMatchSchema>;
export type AssociateByNipInput = z.input<typeof associateByNipSchema>;
