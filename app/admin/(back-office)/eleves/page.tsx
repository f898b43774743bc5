import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StudentSearchFilters } from "@/app/admin/(back-office)/eleves/_components/search-form";
import { StudentsTable } from "@/app/admin/(back-office)/eleves/_components/students-table";
import { ResultsStatus } from "@/components/admin/results-status";
import { schoolCountInScope, schoolInScope } from "@/db/queries/scope-schools";
import { searchStudents, type StudentSearchResult } from "@/db/queries/student-search";
import { requireStaff } from "@/lib/auth/session";
import { parseStudentSearch, studentSearchQueryString, type StudentSortKey } from "@/lib/validations/student-search";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.students"))("title") };
}

const sortColumn: Record<StudentSortKey, "columnName" | "columnFiche" | "columnBirthDate" | "columnSchool"> = {
  nom: "columnName",
  fiche: "columnFiche",
  naissance: "columnBirthDate",
  ecole: "columnSchool",
};

export default async function StudentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { scope } = await requireStaff();
  const t = await getTranslations("admin.students");
  const s = await getTranslations("studentSearch");
  const search = parseStudentSearch(await searchParams);
  const [result, offerSchoolPicker, school] = await Promise.all([
    searchStudents(scope, search),
    // A picker from two schools on; the province holds thousands, not counted on every search.
    scope.kind === "all" || schoolCountInScope(scope).then((count) => count > 1),
    schoolInScope(scope, search.schoolId),
  ]);
  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <div className="card">
        <StudentSearchFilters
          search={search}
          sort={result.sort}
          offerSchoolPicker={offerSchoolPicker}
          school={school}
          showBoard={scope.kind === "all"}
        />
      </div>
      {/* Announced when the search, a filter, the order or the page changes, the same text for another list included. */}
      <ResultsStatus as="div" shown={studentSearchQueryString(search)} className="stack">
        <Summary result={result} />
        {result.sortIgnored && (
          <p className="alert alert-info">{s("sortIgnored", { column: s(sortColumn[search.sort.key]) })}</p>
        )}
      </ResultsStatus>
      {result.query.kind !== "unmatchable" && result.narrowing === null && (
        <StudentsTable
          rows={result.rows}
          total={result.total}
          totalCapped={result.totalCapped}
          hasNextPage={result.hasNextPage}
          page={result.page}
          pageSize={result.pageSize}
          search={search}
          sort={result.sort}
        />
      )}
    </main>
  );
}

async function Summary({ result }: { result: StudentSearchResult }) {
  const s = await getTranslations("studentSearch");
  const { query } = result;
  if (result.narrowing) return <p className="alert alert-info">{s("narrowing")}</p>;
  if (query.kind === "unmatchable") return <p className="alert alert-info">{s(query.reason)}</p>;
  const value =
    query.kind === "fiche" ? query.fiche
    : query.kind === "codePermanent" ? query.codePermanent
    : query.kind === "email" ? query.email
    : query.kind === "name" ? query.terms.map((term) => term.text).join(" ")
    : "";
  return (
    <p className="muted">
      {query.kind !== "all" && <>{s("readAs", { kind: query.kind, value })} · </>}
      {result.totalCapped ? s("foundAtLeast", { count: result.total }) : s("found", { count: result.total })}
    </p>
  );
}
