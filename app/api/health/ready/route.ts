// Readiness for a load balancer: 200 when the database answers and its migrations are applied, 503 otherwise.
import { databaseReadiness } from "@/db/queries/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const readiness = await databaseReadiness();
  const body = readiness.ready
    ? { status: "ready", migrations: readiness.migrations }
    : { status: "unavailable", reason: readiness.reason, ...("migrations" in readiness ? { migrations: readiness.migrations } : {}) };
  return Response.json(body, { status: readiness.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
