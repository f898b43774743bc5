// The dry-run report of one import run: figures, why the file or lines were refused, samples of the changes.
import { getFormatter, getTranslations } from "next-intl/server";
import { ApplyButton } from "@/app/admin/(back-office)/import/_components/apply-button";
import type { ImportRun } from "@/db/schema";
import type { DiffCounts, ReadCounts, StudentSample } from "@/lib/import/report";

const COUNT_KEYS = [
  "lines", "valid", "rejected", "newStudents", "changedStudents", "restoredStudents", "guardianEmailChanges", "disappeared", "unchanged",
] as const satisfies readonly (keyof ReadCounts | keyof DiffCounts)[];

/** Above this share of the board's active students missing from the file, the report warns before applying. */
const DISAPPEARED_WARNING_SHARE = 0.1;

function studentLabel(s: StudentSample) {
  return `${s.lastName}, ${s.firstName} — ${s.boardCode}/${s.schoolCode} · ${s.fiche}`;
}

export async function RunReport({ run, boardName }: { run: ImportRun; boardName: string | null }) {
  const t = await getTranslations("import");
  const format = await getFormatter();
  const counts = run.appliedCounts ?? run.counts;
  const sample = run.changesSample;
  const failure = run.failure;
  const active = counts ? counts.unchanged + counts.changedStudents + counts.disappeared : 0;

  return (
    <section className="card stack" aria-labelledby="import-report-title">
      <h2 id="import-report-title">
        {t("report.title", { date: format.dateTime(run.createdAt, { dateStyle: "medium", timeStyle: "short" }), file: run.fileName })}
      </h2>
      <p>
        <span className={`badge ${run.status === "applied" ? "badge-ok" : run.status === "failed" ? "badge-danger" : "badge-warn"}`}>
          {t(`report.status.${run.status}`)}
        </span>{" "}
        {t("report.board", { board: boardName ?? t("form.allBoards") })}
        {run.encoding && run.delimiter && <> · {t("report.encoding", { encoding: run.encoding, delimiter: run.delimiter })}</>}
      </p>

      {failure && (
        <div className="alert alert-error" role="alert">
          <p>{t(`failures.${failure.failure}`, { line: failure.line ?? 0 })}</p>
          {failure.header && (
            <ul>
              {failure.header.missing.length > 0 && <li>{t("failures.missing", { columns: failure.header.missing.join(", ") })}</li>}
              {failure.header.unexpected.length > 0 && <li>{t("failures.unexpected", { columns: failure.header.unexpected.join(", ") })}</li>}
              {failure.header.duplicated.length > 0 && <li>{t("failures.duplicated", { columns: failure.header.duplicated.join(", ") })}</li>}
            </ul>
          )}
        </div>
      )}

      {counts && (
        <dl className="import-counts">
          {COUNT_KEYS.map((key) => (
            <div key={key}>
              <dt>{t(`report.counts.${key}`)}</dt>
              <dd>{format.number(counts[key])}</dd>
            </div>
          ))}
        </dl>
      )}

      {run.status === "applied" && run.appliedCounts && run.appliedAt && (
        <div className="alert alert-ok" role="status">
          {t("report.appliedCounts", {
            date: format.dateTime(run.appliedAt, { dateStyle: "medium", timeStyle: "short" }),
            newStudents: run.appliedCounts.newStudents,
            changedStudents: run.appliedCounts.changedStudents,
            guardianEmailChanges: run.appliedCounts.guardianEmailChanges,
            disappeared: run.appliedCounts.disappeared,
          })}
        </div>
      )}

      {run.status === "ready" && counts && counts.disappeared > 0 && counts.disappeared > active * DISAPPEARED_WARNING_SHARE && (
        <div className="alert alert-warn" role="alert">
          {t("report.manyDisappeared", { count: counts.disappeared })}
        </div>
      )}

      {run.status === "ready" && <ApplyButton runId={run.id} />}

      {run.rejectedSample.length > 0 && (
        <details open={run.status !== "applied"}>
          <summary>{t("report.rejectedTitle", { count: run.rejectedSample.length })}</summary>
          <table className="import-rejected">
            <thead>
              <tr>
                <th scope="col">{t("report.line")}</th>
                <th scope="col">{t("report.reason")}</th>
                <th scope="col">{t("report.column")}</th>
                <th scope="col">{t("report.value")}</th>
              </tr>
            </thead>
            <tbody>
              {run.rejectedSample.map((r) => (
                <tr key={`${r.line}-${r.reason}`}>
                  <td>{r.line}</td>
                  <td>{t(`reasons.${r.reason}`)}</td>
                  <td>{r.column ?? ""}</td>
                  <td>
                    <code>{r.value ?? ""}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}

      {sample && (
        <details open={run.status === "ready"}>
          <summary>{t("report.samplesTitle")}</summary>
          <div className="stack">
            <h3>{t("report.newStudents")}</h3>
            <SampleList items={sample.newStudents.map(studentLabel)} none={t("report.none")} />
            <h3>{t("report.changedStudents")}</h3>
            <SampleList
              items={sample.changedStudents.map((s) => `${studentLabel(s)} (${s.fields.map((f) => t(`report.fields.${f}` as never)).join(", ")})`)}
              none={t("report.none")}
            />
            <h3>{t("report.guardianEmails")}</h3>
            <SampleList
              items={sample.guardianEmails.map(
                (s) => `${studentLabel(s)} — ${t("report.before")} : ${s.before.join(", ") || "∅"} → ${t("report.after")} : ${s.after.join(", ") || "∅"}`,
              )}
              none={t("report.none")}
            />
            <h3>{t("report.disappeared")}</h3>
            <SampleList items={sample.disappeared.map(studentLabel)} none={t("report.none")} />
          </div>
        </details>
      )}
    </section>
  );
}

function SampleList({ items, none }: { items: string[]; none: string }) {
  if (items.length === 0) return <p className="muted">{none}</p>;
  return (
    <ul>
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}
