// POST /api/associations/match: an association attempt by matching the child's record (the /associer form). The
// session is checked inside the attempt's transaction (associateByMatchInSession), not in a round trip of its own.
import { attemptRoute } from "@/app/api/associations/attempt-route";
import { associateByMatchInSession } from "@/db/queries/associations";
import { parentSessionClaims } from "@/lib/auth/session";
import { associateByMatchSchema } from "@/lib/validations/association";

export const dynamic = "force-dynamic";

export const POST = attemptRoute(associateByMatchSchema, async (input, client) => {
  const claims = await parentSessionClaims();
  if (!claims) return null;
  return associateByMatchInSession(claims.sessionId, { parentAccountId: claims.parentAccountId, ...input, ...client });
});
