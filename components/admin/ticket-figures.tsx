// The support desk's figures on /admin/chiffres: tickets opened and resolved, median times, top topics, per unit.
import { getFormatter, getTranslations } from "next-intl/server";
import type { TicketFigures } from "@/db/queries/ticket-figures";

export async function TicketFiguresSection({ figures }: { figures: TicketFigures }) {
  const t = await getTranslations("supportDesk.figures");
  const topics = await getTranslations("supportDesk.topics");
  const format = await getFormatter();
  const duration = (value: number | null) =>
    value === null ? "—" : value < 48 ? t("hours", { hours: format.number(value, { maximumFractionDigits: 1 }) }) : t("days", { days: format.number(value / 24, { maximumFractionDigits: 1 }) });
  const { totals } = figures;
  return (
    <section className="stack" aria-labelledby="ticket-figures-title">
      <h2 id="ticket-figures-title">{t("title")}</h2>
      <div className="figures">
        <div className="card figure">
          <span className="figure-value" data-testid="tickets-opened">{format.number(totals.opened)}</span>
          <span>{t("opened")}</span>
        </div>
        <div className="card figure">
          <span className="figure-value">{format.number(totals.resolved)}</span>
          <span>{t("resolved")}</span>
        </div>
        <div className="card figure">
          <span className="figure-value">{duration(totals.medianFirstReplyHours)}</span>
          <span>{t("medianFirstReply")}</span>
        </div>
        <div className="card figure">
          <span className="figure-value">{duration(totals.medianResolutionHours)}</span>
          <span>{t("medianResolution")}</span>
        </div>
      </div>
      {figures.topTopics.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t("topTopics")}>
          <table className="figures-table">
            <caption>{t("topTopics")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("topic")}</th>
                <th scope="col" className="num">{t("opened")}</th>
              </tr>
            </thead>
            <tbody>
              {figures.topTopics.map((row) => (
                <tr key={row.topic}>
                  <th scope="row">{topics.has(row.topic as never) ? topics(row.topic as never) : row.topic}</th>
                  <td className="num">{format.number(row.tickets)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {figures.units.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={figures.level === "boards" ? t("byBoard") : t("bySchool")}>
          <table className="figures-table">
            <caption>{figures.level === "boards" ? t("byBoard") : t("bySchool")}</caption>
            <thead>
              <tr>
                <th scope="col">{figures.level === "boards" ? t("board") : t("school")}</th>
                <th scope="col" className="num">{t("opened")}</th>
                <th scope="col" className="num">{t("resolved")}</th>
                <th scope="col" className="num">{t("medianFirstReply")}</th>
                <th scope="col" className="num">{t("medianResolution")}</th>
              </tr>
            </thead>
            <tbody>
              {figures.units.map((u) => (
                <tr key={u.id ?? "none"}>
                  <th scope="row">{u.name ?? (figures.level === "boards" ? t("noBoard") : t("noSchool"))}</th>
                  <td className="num">{format.number(u.opened)}</td>
                  <td className="num">{format.number(u.resolved)}</td>
                  <td className="num">{duration(u.medianFirstReplyHours)}</td>
                  <td className="num">{duration(u.medianResolutionHours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
