import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StudentSearchForm } from "@/components/admin/student-search-form";
import { StudentsTable } from "@/app/admin/(back-office)/eleves/_components/students-table";
import { searchStudentsForStaff } from "@/db/queries/students";
import { requireStaff } from "@/lib/auth/session";
import { STUDENT_PAGE_SIZE, studentSearchSchema } from "@/lib/validations/staff";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.students"))("title") };
}

export default async function StudentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { scope } = await requireStaff();
  const t = await getTranslations("admin.students");
  const { q, page } = studentSearchSchema.parse(await searchParams);
  const { rows, total } = await searchStudentsForStaff(scope, {
    q,
    limit: STUDENT_PAGE_SIZE,
    offset: (page - 1) * STUDENT_PAGE_SIZE,
  });
  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <div className="card">
        <StudentSearchForm defaultValue={q} />
      </div>
      <p className="muted" role="status">
        {q ? t("resultsFor", { count: total, query: q }) : t("allInScope", { count: total })}
      </p>
      <StudentsTable rows={rows} total={total} page={page} pageSize={STUDENT_PAGE_SIZE} query={q} />
    </main>
  );
}
