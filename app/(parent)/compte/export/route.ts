// "Download my data": the signed-in parent's export as JSON or CSV (?format=csv).
import { NextResponse } from "next/server";
import { exportOwnData } from "@/db/queries/own-account";
import { currentParent } from "@/lib/auth/session";
import { csvDocument } from "@/lib/csv-write";
import { OWN_DATA_CSV_HEADER, ownDataRows } from "@/lib/privacy/own-data-csv";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const parent = await currentParent();
  if (!parent) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const data = await exportOwnData(parent.id);
  if (!data) return NextResponse.json({ error: "notFound" }, { status: 404 });
  const day = data.exportedAt.slice(0, 10);
  const headers = { "cache-control": "no-store" };
  if (new URL(request.url).searchParams.get("format") === "csv") {
    return new NextResponse(csvDocument(OWN_DATA_CSV_HEADER, ownDataRows(data)), {
      headers: { ...headers, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="mes-donnees-${day}.csv"` },
    });
  }
  return new NextResponse(JSON.stringify(data, null, 2), {
    headers: { ...headers, "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="mes-donnees-${day}.json"` },
  });
}
