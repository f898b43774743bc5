import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";
import { IncidentDeclarationForm } from "@/components/admin/incident-declaration-form";
import { boardOptions } from "@/db/queries/figures";
import { schoolsInScope } from "@/db/queries/scope-schools";
import { requireStaff } from "@/lib/auth/session";
import { isoDateIn } from "@/lib/birth-date";
import { timeZone } from "@/lib/i18n/locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("incidents"))("declareForm.title") };
}

export default async function DeclareIncidentPage() {
  const { scope } = await requireStaff();
  const t = await getTranslations("incidents");
  // Admins choose the board; everyone else declares for their own (a secretary of several boards' schools picks one).
  const boards =
    scope.kind === "all"
      ? await boardOptions()
      : scope.kind === "schools"
        ? await boardsOfSchools(scope.schoolIds)
        : null;
  return (
    <main id="main" className="container stack">
      <p>
        <StaffLink href="/admin/incidents">{t("back")}</StaffLink>
      </p>
      <h1>{t("declareForm.title")}</h1>
      <p className="muted">{t("declareForm.intro")}</p>
      <IncidentDeclarationForm boards={boards && boards.length > 1 ? boards : null} today={isoDateIn(timeZone, new Date())} />
    </main>
  );
}

async function boardsOfSchools(schoolIds: number[]) {
  const schools = await schoolsInScope({ kind: "schools", schoolIds });
  const boards = new Map(schools.map((s) => [s.boardId, { id: s.boardId, name: s.boardName }]));
  return [...boards.values()];
}
