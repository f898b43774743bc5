import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { RetentionForm } from "@/app/admin/(back-office)/conservation/_components/retention-form";
import { TableCard } from "@/components/admin/table-card";
import { recentPurgeRuns, retentionSettings } from "@/db/queries/retention";
import { requireStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { timeZone } from "@/lib/i18n/locale";
import { DEFAULT_RETENTION, EXPIRED_SECRETS_DAYS, RETENTION_MONTHS_BOUNDS, type PurgeCounts } from "@/lib/retention";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("retention"))("title") };
}

const purgedKinds = ["attempts", "resolvedTickets", "authEvents", "outboxEmails", "verificationCodes", "emailChangeRequests", "nips", "importRuns"] as const satisfies readonly (keyof PurgeCounts)[];

export default async function RetentionPage() {
  const { staff, scope } = await requireStaff();
  const viewer = { role: staff.role, scope };
  const [boards, runs] = await Promise.all([retentionSettings(viewer), recentPurgeRuns(viewer)]);
  if (!boards || !runs) notFound();
  const t = await getTranslations("retention");
  const format = await getFormatter();
  const when = (date: Date) => format.dateTime(date, { dateStyle: "long", timeStyle: "short", timeZone });

  return (
    <main id="main" className="container-wide stack">
      <p>
        <StaffLink href="/admin/incidents">{t("back")}</StaffLink>
      </p>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p className="muted">{t("stepUpNote")}</p>

      {boards.map((board) => (
        <section key={board.boardId} className="card stack" aria-labelledby={`board-${board.boardId}-title`} data-testid="retention-board">
          <h2 id={`board-${board.boardId}-title`}>{board.boardName}</h2>
          <p className="muted small">
            {board.custom && board.updatedAt
              ? t("board.changed", { date: when(board.updatedAt), name: board.updatedByName ?? t("board.someone") })
              : t("board.defaults")}
          </p>
          <RetentionForm
            board={{ id: board.boardId, name: board.boardName, attemptsMonths: board.attemptsMonths, resolvedTicketsMonths: board.resolvedTicketsMonths }}
            defaults={DEFAULT_RETENTION}
            bounds={RETENTION_MONTHS_BOUNDS}
          />
        </section>
      ))}

      <TableCard
        id="platform-periods"
        title={t("platform.title")}
        explain={t("platform.explain")}
        empty={null}
        columns={[{ label: t("platform.what") }, { label: t("platform.kept") }]}
      >
        <tr>
          <td>{t("platform.authEvents")}</td>
          <td>{t("months", { count: env.AUTH_EVENTS_RETENTION_MONTHS })}</td>
        </tr>
        <tr>
          <td>{t("platform.outboxEmails")}</td>
          <td>{t("months", { count: env.AUTH_EVENTS_RETENTION_MONTHS })}</td>
        </tr>
        <tr>
          <td>{t("platform.expiredSecrets")}</td>
          <td>{t("days", { count: EXPIRED_SECRETS_DAYS })}</td>
        </tr>
        <tr>
          <td>{t("platform.importRuns")}</td>
          <td>{t("platform.importRunsKept")}</td>
        </tr>
      </TableCard>

      <TableCard
        id="purge-runs"
        title={t("runs.title")}
        explain={t("runs.explain", { hours: Math.round((env.RETENTION_PURGE_INTERVAL_MINUTES / 60) * 10) / 10 })}
        empty={runs.length === 0 ? t("runs.none") : null}
        columns={[{ label: t("runs.when") }, { label: t("runs.total") }, { label: t("runs.detail") }]}
      >
        {runs.map((run) => (
          <tr key={run.auditId} data-testid="purge-run">
            <td>{when(run.at)}</td>
            <td>{format.number(run.total)}</td>
            <td>
              {purgedKinds
                .filter((kind) => (run.counts[kind] ?? 0) > 0)
                .map((kind) => t("runs.item", { kind: t(`runs.kinds.${kind}`), count: format.number(run.counts[kind] ?? 0) }))
                .join(" · ") || t("runs.nothing")}
            </td>
          </tr>
        ))}
      </TableCard>
    </main>
  );
}
