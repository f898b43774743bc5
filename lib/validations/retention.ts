// Zod schema of a board's retention periods form, shared by the form's resolver and the server action. Messages are
// catalog keys, looked up in "retention.validation", then "validation"; the bounds are the database's checks.
import { z } from "zod";
import { RETENTION_MONTHS_BOUNDS } from "@/lib/retention";

/** A whole number of months; an empty field is "required", anything not a number "whole". */
const months = z.preprocess(
  (value) => {
    if (typeof value !== "string") return value ?? undefined;
    const text = value.trim();
    return text === "" ? undefined : /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  },
  z
    .number({ error: (issue) => (issue.input === undefined ? "monthsRequired" : "monthsWhole") })
    .int("monthsWhole")
    .min(RETENTION_MONTHS_BOUNDS.min, "monthsOutOfBounds")
    .max(RETENTION_MONTHS_BOUNDS.max, "monthsOutOfBounds"),
);

export const boardRetentionSchema = z.object({
  boardId: z.coerce.number({ error: "invalid" }).int("invalid").positive("invalid"),
  attemptsMonths: months,
  resolvedTicketsMonths: months,
});

export type BoardRetentionInput = z.input<typeof boardRetentionSchema>;
export type BoardRetention = z.output<typeof boardRetentionSchema>;
