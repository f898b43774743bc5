// Schools of the staff member's scope matching what was typed in a school picker (components/admin/school-picker).
import { NextResponse } from "next/server";
import { findSchoolsInScope } from "@/db/queries/scope-schools";
import { currentStaff } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const context = await currentStaff();
  if (!context) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const typed = new URL(request.url).searchParams.get("q") ?? "";
  const schools = await findSchoolsInScope(context.scope, typed);
  return NextResponse.json(
    { schools: schools.map(({ id, name, boardName }) => ({ id, name, boardName })) },
    // The same letters typed again within a minute are answered by the browser.
    { headers: { "cache-control": "private, max-age=60" } },
  );
}
