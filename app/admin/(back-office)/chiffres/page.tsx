import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getFormatter, getTranslations } from "next-intl/server";
import { FiguresChartsClient } from "@/components/admin/figures-charts-client";
import { FilterInput, FilterSelect } from "@/components/admin/filter-fields";
import { FilterForm, FilterSubmit } from "@/components/admin/filter-form";
import { ResultsStatus } from "@/components/admin/results-status";
import { boardOptions, figuresForStaff, successRate, type FiguresUnit } from "@/db/queries/figures";
import { boardNameOfScope, schoolsInScope } from "@/db/queries/scope-schools";
import { TicketFiguresSection } from "@/components/admin/ticket-figures";
import { ticketFiguresForStaff } from "@/db/queries/ticket-figures";
import { requireStaff } from "@/lib/auth/session";
import { figuresQuerySchema, resolvePeriod } from "@/lib/validations/figures";
import { TableScroll } from "@/components/ui/table-scroll";

/** Rows a bar chart shows at most; the table below has them all. */
const MAX_CHART_ROWS = 20;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminFigures"))("title") };
}

export default async function FiguresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { scope } = await requireStaff();
  const t = await getTranslations("adminFigures");
  const format = await getFormatter();
  const query = figuresQuerySchema.parse(await searchParams);
  const period = resolvePeriod(query);
  const chosenBoard = scope.kind === "all" ? (query.board ?? null) : null;
  const [figures, boards, ticketFigures, ownBoard, ownSchools] = await Promise.all([
    figuresForStaff(scope, period, { boardId: chosenBoard }),
    scope.kind === "all" ? boardOptions() : Promise.resolve([]),
    ticketFiguresForStaff(scope, period, { boardId: chosenBoard }),
    boardNameOfScope(scope),
    scope.kind === "schools" ? schoolsInScope(scope) : Promise.resolve([]),
  ]);
  const { totals } = figures;
  const percent = (rate: number | null) => (rate === null ? "—" : format.number(rate, { style: "percent", maximumFractionDigits: 0 }));
  const day = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  const periodQuery = `from=${period.from}&to=${period.to}`;
  const unitName = (u: FiguresUnit) =>
    figures.level === "boards" ? u.boardName : u.schoolName ?? t("noStudentFound", { board: u.boardName });
  const reasonLabel = (code: string) => (t.has(`reasons.${code}`) ? t(`reasons.${code}`) : code);
  const failed = totals.attempts - totals.successfulAttempts;
  const showBoardColumn = figures.level === "schools" && new Set(figures.units.map((u) => u.boardId)).size > 1;
  /** Whose figures these are, by name: the province, the board an admin chose, or the staff member's own board or schools. */
  const shownScope =
    scope.kind === "all"
      ? chosenBoard === null
        ? t("allBoards")
        : (boards.find((b) => b.id === chosenBoard)?.name ?? t("unknownBoard"))
      : scope.kind === "board"
        ? (ownBoard ?? t("unknownBoard"))
        : t("scopeSchools", { count: ownSchools.length, names: format.list(ownSchools.map((s) => s.name)) });

  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>

      <FilterForm action="/admin/chiffres" className="card filters" aria-label={t("periodLabel")}>
        <FilterInput id="f-from" name="from" label={t("from")} type="date" defaultValue={period.from} required />
        <FilterInput id="f-to" name="to" label={t("to")} type="date" defaultValue={period.to} required />
        {scope.kind === "all" && (
          <FilterSelect
            id="f-board"
            name="board"
            label={t("board")}
            anyLabel={t("allBoards")}
            options={boards.map((b) => ({ value: b.id, label: b.name }))}
            defaultValue={chosenBoard}
          />
        )}
        <div>
          <FilterSubmit>{t("show")}</FilterSubmit>
        </div>
      </FilterForm>

      {/* Announced when the form or a board's link changes the period or the scope. */}
      <ResultsStatus shown={`${periodQuery}&board=${chosenBoard ?? ""}`}>
        <strong>{t("period", { from: day(period.from), to: day(period.to) })}</strong> · {shownScope}
      </ResultsStatus>
      {chosenBoard && (
        <p>
          <StaffLink href={`/admin/chiffres?${periodQuery}`}>{t("backToBoards")}</StaffLink>
        </p>
      )}

      <section aria-labelledby="totals-title" className="stack">
        <h2 id="totals-title" className="sr-only">
          {t("totals")}
        </h2>
        <div className="figures">
          <div className="card figure">
            <span className="figure-value">{format.number(totals.accountsCreated)}</span>
            <span>{t("accountsCreated")}</span>
          </div>
          <div className="card figure">
            <span className="figure-value">{format.number(totals.childrenAssociated)}</span>
            <span>{t("childrenAssociated")}</span>
          </div>
          <div className="card figure">
            <span className="figure-value">{percent(successRate(totals))}</span>
            <span>{t("successRate")}</span>
            <span className="muted small">{t("successOf", { ok: totals.successfulAttempts, total: totals.attempts })}</span>
            {totals.alreadyAssociatedAttempts > 0 && (
              <span className="muted small" data-testid="already-associated-attempts">
                {t("alreadyAssociatedApart", { count: totals.alreadyAssociatedAttempts })}
              </span>
            )}
          </div>
          <div className="card figure">
            <span className="figure-value">{format.number(totals.nipsIssued)}</span>
            <span>{t("nipsIssued")}</span>
          </div>
        </div>
      </section>

      <FiguresChartsClient
        units={figures.units.map((u) => ({
          name: unitName(u),
          accountsCreated: u.accountsCreated,
          childrenAssociated: u.childrenAssociated,
          nipsIssued: u.nipsIssued,
          successPercent: u.attempts === 0 ? null : Math.round((1000 * u.successfulAttempts) / u.attempts) / 10,
        }))}
        maxRows={MAX_CHART_ROWS}
        reasons={figures.topFailureReasons.map((r) => ({ label: reasonLabel(r.code), attempts: r.attempts }))}
        labels={{
          comparison: figures.level === "boards" ? t("chartByBoard") : t("chartBySchool"),
          comparisonNote: t("chartNote", { max: MAX_CHART_ROWS }),
          successRate: t("chartSuccess"),
          successNote: t("chartSuccessNote"),
          reasons: t("chartReasons"),
          accountsCreated: t("accountsCreated"),
          childrenAssociated: t("childrenAssociated"),
          nipsIssued: t("nipsIssued"),
          successPercent: t("successRate"),
          attempts: t("failedAttempts"),
          noData: t("noData"),
        }}
      />

      <section className="stack" aria-labelledby="units-title">
        <h2 id="units-title">{figures.level === "boards" ? t("tableByBoard") : t("tableBySchool")}</h2>
        <TableScroll label={figures.level === "boards" ? t("tableByBoard") : t("tableBySchool")}>
          <table className="figures-table">
            <caption className="sr-only">{figures.level === "boards" ? t("tableByBoard") : t("tableBySchool")}</caption>
            <thead>
              <tr>
                <th scope="col">{figures.level === "boards" ? t("colBoard") : t("colSchool")}</th>
                {showBoardColumn && <th scope="col">{t("colBoard")}</th>}
                <th scope="col" className="num">{t("accountsCreated")}</th>
                <th scope="col" className="num">{t("childrenAssociated")}</th>
                <th scope="col" className="num">{t("attempts")}</th>
                <th scope="col" className="num">{t("successRate")}</th>
                <th scope="col" className="num">{t("nipsIssued")}</th>
              </tr>
            </thead>
            <tbody>
              {figures.units.map((u) => (
                <tr key={u.key}>
                  <th scope="row">
                    {figures.level === "boards" ? (
                      <StaffLink href={`/admin/chiffres?${periodQuery}&board=${u.boardId}`}>{u.boardName}</StaffLink>
                    ) : (
                      unitName(u)
                    )}
                  </th>
                  {showBoardColumn && <td>{u.boardName}</td>}
                  <td className="num">{format.number(u.accountsCreated)}</td>
                  <td className="num">{format.number(u.childrenAssociated)}</td>
                  <td className="num">{format.number(u.attempts)}</td>
                  <td className="num">
                    {percent(successRate(u))}
                    {u.attempts > 0 && <span className="muted small"> ({t("successOf", { ok: u.successfulAttempts, total: u.attempts })})</span>}
                  </td>
                  <td className="num">{format.number(u.nipsIssued)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("total")}</th>
                {showBoardColumn && <td />}
                <td className="num">{format.number(totals.accountsCreated)}</td>
                <td className="num">{format.number(totals.childrenAssociated)}</td>
                <td className="num">{format.number(totals.attempts)}</td>
                <td className="num">{percent(successRate(totals))}</td>
                <td className="num">{format.number(totals.nipsIssued)}</td>
              </tr>
            </tfoot>
          </table>
        </TableScroll>
        <p className="muted small">{t("totalNote")}</p>
      </section>

      <section className="stack" aria-labelledby="reasons-title">
        <h2 id="reasons-title">{t("chartReasons")}</h2>
        {figures.topFailureReasons.length === 0 ? (
          <p className="muted">{t("noFailures")}</p>
        ) : (
          <TableScroll label={t("chartReasons")}>
            <table className="figures-table">
              <caption className="sr-only">{t("chartReasons")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("colReason")}</th>
                  <th scope="col" className="num">{t("failedAttempts")}</th>
                  <th scope="col" className="num">{t("colShare")}</th>
                </tr>
              </thead>
              <tbody>
                {figures.topFailureReasons.map((r) => (
                  <tr key={r.code}>
                    <th scope="row">{reasonLabel(r.code)}</th>
                    <td className="num">{format.number(r.attempts)}</td>
                    <td className="num">{percent(failed === 0 ? null : r.attempts / failed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <p className="muted small">{t("reasonsNote")}</p>
      </section>
      <TicketFiguresSection figures={ticketFigures} />
    </main>
  );
}
