// POST /api/associations/nip: an association attempt with a NIP from the school (the /associer form).
import { attemptRoute } from "@/app/api/associations/attempt-route";
import { associateByNip } from "@/db/queries/associations";
import { currentParent } from "@/lib/auth/session";
import { associateByNipSchema } from "@/lib/validations/association";

export const dynamic = "force-dynamic";

export const POST = attemptRoute(associateByNipSchema, async (input, client) => {
  const parent = await currentParent();
  if (!parent) return null;
  return associateByNip({ parentAccountId: parent.id, nip: input.nip, ...client });
});
