import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";
import { StudentSearchForm } from "@/components/admin/student-search-form";
import { dashboardFigures } from "@/db/queries/dashboard";
import { requireStaff } from "@/lib/auth/session";
import { timeZone } from "@/lib/i18n/locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.dashboard"))("title") };
}

export default async function DashboardPage() {
  const { staff, scope } = await requireStaff();
  const t = await getTranslations("admin.dashboard");
  const { failedToday, activeNips, students: studentCount } = await dashboardFigures(scope);
  const today = new Date().toLocaleDateString("en-CA", { timeZone });
  return (
    <main id="main" className="container-wide stack">
      <h1>{t("greeting", { name: staff.name })}</h1>
      <div className="card">
        <StudentSearchForm autoFocus />
      </div>
      <section className="figures" aria-label={t("figuresLabel")}>
        <StaffLink className="card figure" href={`/admin/tentatives?from=${today}&to=${today}`}>
          <span className="figure-value">{failedToday}</span>
          <span>{t("failedToday", { count: failedToday })}</span>
        </StaffLink>
        <div className="card figure">
          <span className="figure-value">{activeNips}</span>
          <span>{t("activeNips", { count: activeNips })}</span>
        </div>
        <StaffLink className="card figure" href="/admin/eleves">
          <span className="figure-value">{studentCount}</span>
          <span>{t("students", { count: studentCount })}</span>
        </StaffLink>
      </section>
    </main>
  );
}
