"use client";
// Columns of the student search results.
import Link from "next/link";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslations } from "next-intl";
import type { StudentSearchRow } from "@/db/queries/students";

export function useStudentColumns(): ColumnDef<StudentSearchRow>[] {
  const t = useTranslations("admin.students");
  return [
    {
      id: "name",
      header: t("colName"),
      cell: ({ row }) => (
        <>
          <Link href={`/admin/eleves/${row.original.id}`}>{`${row.original.lastName}, ${row.original.firstName}`}</Link>
          {row.original.archived && <span className="badge badge-warn"> {t("archived")}</span>}
        </>
      ),
    },
    { accessorKey: "fiche", header: t("colFiche") },
    { accessorKey: "codePermanent", header: t("colCodePermanent"), cell: ({ getValue }) => getValue<string | null>() ?? "—" },
    { accessorKey: "birthDate", header: t("colBirthDate") },
    {
      id: "school",
      header: t("colSchool"),
      cell: ({ row }) => (
        <>
          {row.original.schoolName}
          {row.original.grade && <span className="muted"> · {row.original.grade}</span>}
        </>
      ),
    },
    {
      accessorKey: "guardianEmails",
      header: t("colEmails"),
      cell: ({ getValue }) => {
        const emails = getValue<string[]>();
        return emails.length === 0 ? <span className="muted">{t("noEmail")}</span> : emails.map((e) => <div key={e}>{e}</div>);
      },
    },
    {
      accessorKey: "associatedAccounts",
      header: t("colAssociated"),
      cell: ({ getValue }) => {
        const n = getValue<number>();
        return <span className={n > 0 ? "badge badge-ok" : "badge"}>{t("associatedCount", { count: n })}</span>;
      },
    },
  ];
}
