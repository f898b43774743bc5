"use client";
// The ticket queue in the back-office table: filtered, ordered and paginated by the server, through the URL.
import { StaffLink } from "@/components/admin/staff-link";
import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { DataTable } from "@/components/data-table/data-table";
import type { TicketRow } from "@/db/queries/support-desk";
import { ticketQueryString, type TicketFilters } from "@/lib/validations/support-desk";

function useTicketColumns(): ColumnDef<TicketRow>[] {
  const t = useTranslations("supportDesk");
  const format = useFormatter();
  return [
    {
      id: "reference",
      header: t("colReference"),
      cell: ({ row }) => <StaffLink href={`/admin/demandes/${row.original.id}`}>{row.original.reference}</StaffLink>,
    },
    { id: "status", header: t("colStatus"), cell: ({ row }) => <span className={`badge status-${row.original.status}`}>{t(`status.${row.original.status}`)}</span> },
    {
      id: "topic",
      header: t("colTopic"),
      cell: ({ row }) => (
        <>
          {t(`topics.${row.original.topic}` as never)}
          {row.original.failedStep && (
            <>
              <br />
              <span className="muted small">{t(`steps.${row.original.failedStep}` as never)}</span>
            </>
          )}
        </>
      ),
    },
    {
      id: "parent",
      header: t("colParent"),
      cell: ({ row }) => (
        <>
          {row.original.email}
          {row.original.childName && (
            <>
              <br />
              <span className="muted small">{row.original.childName}</span>
            </>
          )}
        </>
      ),
    },
    { id: "route", header: t("colRoute"), cell: ({ row }) => row.original.schoolName ?? row.original.boardName ?? t("serviceCentre") },
    { id: "assignee", header: t("colAssignee"), cell: ({ row }) => row.original.assignee ?? <span className="muted">{t("unassigned")}</span> },
    {
      id: "waiting",
      header: t("colWaiting"),
      cell: ({ row }) => (
        <time dateTime={row.original.queueSince.toISOString()}>{format.relativeTime(row.original.queueSince)}</time>
      ),
    },
  ];
}

export function TicketsTable({ rows, total, page, pageSize, filters }: { rows: TicketRow[]; total: number; page: number; pageSize: number; filters: TicketFilters }) {
  const t = useTranslations("supportDesk");
  const pageHref = (target: number) => {
    const query = ticketQueryString({ ...filters, page: target });
    return `/admin/demandes${query ? `?${query}` : ""}`;
  };
  return (
    <DataTable
      data={rows}
      columns={useTicketColumns()}
      caption={t("caption")}
      emptyMessage={t("empty")}
      getRowId={(row) => row.id}
      paginated
      page={page}
      pageSize={pageSize}
      rowCount={total}
      pageHref={pageHref}
    />
  );
}
