import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RunHistory } from "@/app/admin/(back-office)/import/_components/run-history";
import { RunReport } from "@/app/admin/(back-office)/import/_components/run-report";
import { UploadForm } from "@/app/admin/(back-office)/import/_components/upload-form";
import { findImportRun, importableBoards, listImportRuns, reapImportRuns } from "@/db/queries/student-import";
import { requireStaff } from "@/lib/auth/session";
import { importHeaderLine } from "@/lib/import/columns";
import { mayImportAs, mayImportAtAll } from "@/lib/import/access";
import { importRunIdSchema } from "@/lib/validations/import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}

export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { scope, staff } = await requireStaff();
  const t = await getTranslations("import");
  if (!mayImportAtAll(scope) || !mayImportAs(staff.role)) {
    return (
      <main id="main" className="container stack">
        <h1>{t("title")}</h1>
        <div className="alert alert-warn" role="alert">
          {t("forbidden")}
        </div>
      </main>
    );
  }
  const selected = importRunIdSchema.safeParse({ runId: (await searchParams).run });
  // An upload interrupted while nobody's server was watching shows as failed, not as "reading" forever.
  await reapImportRuns();
  const [boards, runs, run] = await Promise.all([
    importableBoards(scope),
    listImportRuns(scope),
    selected.success ? findImportRun(scope, selected.data.runId) : null,
  ]);
  const boardName = run?.boardId ? (boards.find((b) => b.id === run.boardId)?.name ?? null) : null;

  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {run && <RunReport run={run} boardName={boardName} />}
      <section className="card stack" aria-labelledby="import-upload-title">
        <h2 id="import-upload-title">{run ? t("report.newAnalysis") : t("form.submit")}</h2>
        <UploadForm boards={boards} allowAllBoards={scope.kind === "all"} />
        <details>
          <summary>{t("format.title")}</summary>
          <p>{t("format.columns")}</p>
          <pre>
            <code>{importHeaderLine()}</code>
          </pre>
          <p className="muted">{t("format.details")}</p>
        </details>
      </section>
      <RunHistory runs={runs} />
    </main>
  );
}
