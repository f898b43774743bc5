// Receives the file of a started dry run as the raw request body and streams it into the importer, so a large
// export never sits in memory. Answers when the dry run is done; the page polls ../ (the run's progress) meanwhile.
// Outside /admin on purpose: the proxy matches /admin, and Next buffers (and cuts at 10 MB) the body of any
// request the proxy sees. The staff session and the request's origin (CSRF: the session cookie alone would let
// another site's page post a file for a signed-in staff member) are checked here.
import { NextResponse } from "next/server";
import { dryRunImport, findImportRun, ImportLeaseLost } from "@/db/queries/student-import";
import { currentStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { isSameOrigin } from "@/lib/http/same-origin";
import { importRunIdSchema } from "@/lib/validations/import";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request.headers, env.APP_URL)) return NextResponse.json({ error: "forbidden" }, { status: 403 });
  const context = await currentStaff();
  if (!context) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const parsed = importRunIdSchema.safeParse({ runId: (await params).id });
  if (!parsed.success || !request.body) return NextResponse.json({ error: "invalidInput" }, { status: 400 });
  const run = await findImportRun(context.scope, parsed.data.runId);
  if (!run) return NextResponse.json({ error: "not_found" }, { status: 404 });
  if (run.status !== "reading" || run.staffUserId !== context.staff.id) {
    return NextResponse.json({ error: "not_ready" }, { status: 409 });
  }
  try {
    const done = await dryRunImport({
      scope: context.scope,
      runId: run.id,
      source: request.body as unknown as AsyncIterable<Uint8Array>,
    });
    return NextResponse.json({ runId: done.id, status: done.status });
  } catch (error) {
    // The file stalled past the run's lease: the run is failed already (the page shows why).
    if (error instanceof ImportLeaseLost) return NextResponse.json({ runId: run.id, status: "failed" }, { status: 409 });
    throw error;
  }
}
