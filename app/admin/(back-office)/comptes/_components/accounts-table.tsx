"use client";
// Parent accounts matching a staff search.
import { StaffLink } from "@/components/admin/staff-link";
import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { DataTable } from "@/components/data-table/data-table";
import type { AccountSummary } from "@/db/queries/parent-accounts-admin";

function useColumns(): ColumnDef<AccountSummary>[] {
  const t = useTranslations("adminAccounts");
  const format = useFormatter();
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  return [
    {
      accessorKey: "email",
      header: t("colEmail"),
      cell: ({ row }) => (
        <StaffLink className="mono" href={`/admin/comptes/${row.original.id}`}>
          {row.original.email}
        </StaffLink>
      ),
    },
    { accessorKey: "createdAt", header: t("colCreated"), cell: ({ row }) => when(row.original.createdAt) },
    { accessorKey: "lastSigninAt", header: t("colLastSignIn"), cell: ({ row }) => when(row.original.lastSigninAt) },
    {
      id: "status",
      header: t("colStatus"),
      cell: ({ row }) =>
        row.original.disabledAt ? <span className="badge badge-danger">{t("disabled")}</span> : <span className="badge badge-ok">{t("active")}</span>,
    },
  ];
}

export function AccountsTable({ rows }: { rows: AccountSummary[] }) {
  const t = useTranslations("adminAccounts");
  return <DataTable data={rows} columns={useColumns()} caption={t("results")} emptyMessage={t("noResults")} getRowId={(row) => row.id} />;
}
