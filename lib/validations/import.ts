// Zod schemas of the student record import: starting a dry run and applying it.
import { z } from "zod";

export const startImportSchema = z.object({
  /** A board id, or "all" for every board the file names (platform admins). */
  board: z.union([z.literal("all"), z.coerce.number().int().positive()]),
  fileName: z.string().trim().min(1, "required").max(255),
  totalBytes: z.number().int().nonnegative().nullable(),
});

export const importRunIdSchema = z.object({ runId: z.coerce.number().int().positive() });

export type StartImportInput = z.input<typeof startImportSchema>;
