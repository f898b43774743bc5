// Progress of a dry run while its file streams in (polled by the upload form on /admin/import).
import { NextResponse } from "next/server";
import { importRunProgress } from "@/db/queries/student-import";
import { currentStaff } from "@/lib/auth/session";
import { importRunIdSchema } from "@/lib/validations/import";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const context = await currentStaff();
  if (!context) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const parsed = importRunIdSchema.safeParse({ runId: (await params).id });
  if (!parsed.success) return NextResponse.json({ error: "invalidInput" }, { status: 400 });
  const progress = await importRunProgress(context.scope, parsed.data.runId);
  if (!progress) return NextResponse.json({ error: "not_found" }, { status: 404 });
  return NextResponse.json(progress, { headers: { "cache-control": "no-store" } });
}
