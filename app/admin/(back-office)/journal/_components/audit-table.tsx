"use client";
// The audit log's rows in the back-office table (pages are links built by the page: keyset, not numbered).
import { useTranslations } from "next-intl";
import { DataTable } from "@/components/data-table/data-table";
import { useAuditColumns } from "@/app/admin/(back-office)/journal/_components/columns";
import type { AuditRow } from "@/db/queries/audit-log";

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = useTranslations("adminAudit");
  return (
    <DataTable data={rows} columns={useAuditColumns()} caption={t("title")} emptyMessage={t("empty")} getRowId={(row) => String(row.id)} />
  );
}
