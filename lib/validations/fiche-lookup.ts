// Sending a student's fiche number to a guardian: staff pick one of the record's addresses by its id, never type one.
import { z } from "zod";

const id = z.coerce.number({ error: "invalid" }).int("invalid").positive("invalid");

export const sendFicheSchema = z.object({ studentId: id, guardianEmailId: id });
export type SendFicheInput = z.input<typeof sendFicheSchema>;
