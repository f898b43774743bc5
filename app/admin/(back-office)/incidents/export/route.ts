// The register as CSV, for a request from the Commission d'accès à l'information: one board (or every board of
// the scope) and a period. Officers and platform admins only; the staff session is checked here.
import { NextResponse } from "next/server";
import { registerEntries } from "@/db/queries/privacy-incidents";
import { currentStaff } from "@/lib/auth/session";
import { csvDocument } from "@/lib/csv-write";
import { mayReadRegister } from "@/lib/privacy/incident-rules";
import { registerColumns, registerRow } from "@/lib/privacy/register-export";
import { registerLabels } from "@/lib/privacy/register-labels";
import { registerExportSchema } from "@/lib/validations/incidents";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const context = await currentStaff();
  if (!context) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  if (!mayReadRegister(context.staff.role)) return NextResponse.json({ error: "forbidden" }, { status: 403 });
  const query = registerExportSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const entries = await registerEntries(
    { staffId: context.staff.id, role: context.staff.role, scope: context.scope },
    { boardId: query.board ?? null, from: query.from ?? null, to: query.to ?? null },
  );
  const labels = await registerLabels();
  const body = csvDocument(
    registerColumns.map(labels.header),
    entries.map((entry) => {
      const row = registerRow(entry, labels);
      return registerColumns.map((column) => row[column]);
    }),
  );
  const name = `registre-incidents${query.from ? `-${query.from}` : ""}${query.to ? `-${query.to}` : ""}.csv`;
  return new NextResponse(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
}
