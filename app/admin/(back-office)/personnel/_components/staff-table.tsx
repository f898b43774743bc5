"use client";
// The staff within the administrator's reach: role, schools, sign-ins, lockout and second factor.
import { StaffLink } from "@/components/admin/staff-link";
import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import { DataTable } from "@/components/data-table/data-table";
import type { StaffListRow } from "@/db/queries/staff-admin";

function MfaBadge({ mfa }: { mfa: StaffListRow["mfa"] }) {
  const t = useTranslations("staffAdmin.list");
  const methods = [mfa.totp ? t("mfaTotp") : null, mfa.passkeys > 0 ? t("mfaPasskeys", { count: mfa.passkeys }) : null].filter(Boolean);
  if (methods.length > 0) return <span className="badge badge-ok">{methods.join(" + ")}</span>;
  return mfa.required ? <span className="badge badge-danger">{t("mfaMissing")}</span> : <span className="badge">{t("mfaNone")}</span>;
}

function useColumns(): ColumnDef<StaffListRow>[] {
  const t = useTranslations("staffAdmin.list");
  const roles = useTranslations("admin.nav.roles");
  const format = useFormatter();
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "medium", timeStyle: "short" }) : t("never"));
  return [
    {
      accessorKey: "name",
      header: t("colName"),
      cell: ({ row }) => (
        <>
          <StaffLink href={`/admin/personnel/${row.original.id}`}>{row.original.name}</StaffLink>
          <br />
          <span className="mono muted">{row.original.email}</span>
        </>
      ),
    },
    { accessorKey: "role", header: t("colRole"), cell: ({ row }) => roles(row.original.role as never) },
    {
      id: "where",
      header: t("colWhere"),
      cell: ({ row }) =>
        row.original.role === "admin"
          ? t("everywhere")
          : row.original.schools.length > 0
            ? row.original.schools.map((s) => s.name).join(", ")
            : (row.original.boardName ?? "—"),
    },
    {
      id: "status",
      header: t("colStatus"),
      cell: ({ row }) => {
        const status = row.original.status;
        const badge = status === "active" ? "badge-ok" : status === "disabled" ? "badge-danger" : "badge-warn";
        return <span className={`badge ${badge}`}>{t(`status.${status}`)}</span>;
      },
    },
    { accessorKey: "lastSigninAt", header: t("colLastSignIn"), cell: ({ row }) => when(row.original.lastSigninAt) },
    {
      id: "failures",
      header: t("colFailures"),
      cell: ({ row }) =>
        row.original.lockedUntil ? (
          <span className="badge badge-danger">{t("locked", { count: row.original.consecutiveFailures })}</span>
        ) : (
          String(row.original.consecutiveFailures)
        ),
    },
    { id: "mfa", header: t("colMfa"), cell: ({ row }) => <MfaBadge mfa={row.original.mfa} /> },
  ];
}

export function StaffTable({ rows }: { rows: StaffListRow[] }) {
  const t = useTranslations("staffAdmin.list");
  return <DataTable data={rows} columns={useColumns()} caption={t("caption")} emptyMessage={t("empty")} getRowId={(row) => row.id} />;
}
