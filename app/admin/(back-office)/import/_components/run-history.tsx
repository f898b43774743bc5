// The import runs a staff member may see, newest first.
import { StaffLink } from "@/components/admin/staff-link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ImportRunSummary } from "@/db/queries/student-import";

export async function RunHistory({ runs }: { runs: ImportRunSummary[] }) {
  const t = await getTranslations("import");
  const format = await getFormatter();
  return (
    <section className="stack" aria-labelledby="import-history-title">
      <h2 id="import-history-title">{t("history.title")}</h2>
      {runs.length === 0 ? (
        <p className="muted">{t("history.empty")}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t("history.date")}</th>
              <th scope="col">{t("history.file")}</th>
              <th scope="col">{t("history.board")}</th>
              <th scope="col">{t("history.by")}</th>
              <th scope="col">{t("history.status")}</th>
              <th scope="col">{t("history.summary")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => {
              const counts = run.appliedCounts ?? run.counts;
              return (
                <tr key={run.id}>
                  <td>
                    <StaffLink href={`/admin/import?run=${run.id}`}>
                      {format.dateTime(run.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                    </StaffLink>
                  </td>
                  <td>{run.fileName}</td>
                  <td>{run.boardName ?? t("form.allBoards")}</td>
                  <td>{run.staffName}</td>
                  <td>{t(`report.status.${run.status}`)}</td>
                  <td>
                    {counts
                      ? t("history.summaryText", {
                          valid: counts.valid,
                          rejected: counts.rejected,
                          newStudents: counts.newStudents,
                          disappeared: counts.disappeared,
                        })
                      : run.failure
                        ? t(`failures.${run.failure.failure}`, { line: run.failure.line ?? 0 })
                        : ""}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
