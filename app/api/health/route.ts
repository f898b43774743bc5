// Liveness for a load balancer: the process answers. It does not touch the database (see /api/health/ready).
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
