// POST /api/associations/nip: an association attempt with a NIP from the school (the /associer form).
import { attemptRoute } from "@/app/api/associations/attempt-route";
import { associateByNip } from "@/db/queries/associations";
import { associateByNipSchema } from "@/lib/validations/association";

export const dynamic = "force-dynamic";

export const POST = attemptRoute(associateByNipSchema, (parent, input, client) =>
  associateByNip({ parentAccountId: parent.id, nip: input.nip, ...client }),
);
