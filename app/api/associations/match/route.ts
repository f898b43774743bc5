// POST /api/associations/match: an association attempt by matching the child's record (the /associer form).
import { attemptRoute } from "@/app/api/associations/attempt-route";
import { associateByMatch } from "@/db/queries/associations";
import { associateByMatchSchema } from "@/lib/validations/association";

export const dynamic = "force-dynamic";

export const POST = attemptRoute(associateByMatchSchema, (parent, input, client) =>
  associateByMatch({ parentAccountId: parent.id, accountEmail: parent.email, ...input, ...client }),
);
