"use client";
// Columns of the audit log: when, who, what, about whom (student or account), where, and the details of each action.
import { StaffLink } from "@/components/admin/staff-link";
import type { ColumnDef } from "@tanstack/react-table";
import { useFormatter, useTranslations } from "next-intl";
import type { AuditRow } from "@/db/queries/audit-log";

function text(value: unknown): string {
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(String).join(", ");
  return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : "—";
}

function AuditDetails({ row }: { row: AuditRow }) {
  const t = useTranslations("adminAudit.details");
  const format = useFormatter();
  const d = row.details;
  const time = (value: unknown) =>
    typeof value === "string" && !Number.isNaN(Date.parse(value)) ? format.dateTime(new Date(value), { dateStyle: "short", timeStyle: "short" }) : "—";
  switch (row.action) {
    case "guardian_email.changed":
    case "import.guardian_emails_changed":
      return (
        <>
          {t("emailChanged", { before: text(d.before), after: text(d.after) })}
          {typeof d.reason === "string" && <> {t("reason", { reason: d.reason })}</>}
        </>
      );
    case "nip.issued":
      return (
        <>
          {t("nipIssued", { expiresAt: time(d.expiresAt) })}
          {typeof d.emailedTo === "string" && <> {t("nipEmailed", { email: d.emailedTo })}</>}
        </>
      );
    case "association.revoked":
      return <>{t("associationRevoked", { email: text(d.parentEmail), reason: text(d.reason) })}</>;
    case "fiche.sent":
      return <>{t("ficheSent", { email: text(d.to) })}</>;
    case "account.lockout_lifted":
      return <>{t("lockoutLifted", { failures: typeof d.failuresCleared === "number" ? d.failuresCleared : 0 })}</>;
    case "account.reset_started":
      return <>{t("resetStarted")}</>;
    case "import.applied":
      return <>{t("importApplied", { file: text(d.fileName) })}</>;
    default:
      return <GenericDetails details={d} />;
  }
}

/** Actions without a sentence of their own: their scalar details, as they are. */
function GenericDetails({ details }: { details: Record<string, unknown> }) {
  const entries = Object.entries(details).filter(([, v]) => ["string", "number", "boolean"].includes(typeof v));
  if (entries.length === 0) return null;
  return <span className="small">{entries.map(([k, v]) => `${k}: ${String(v).slice(0, 80)}`).join(" · ")}</span>;
}

export function useAuditColumns(): ColumnDef<AuditRow>[] {
  const t = useTranslations("adminAudit");
  const format = useFormatter();
  return [
    {
      accessorKey: "createdAt",
      header: t("colWhen"),
      cell: ({ row }) => format.dateTime(row.original.createdAt, { dateStyle: "medium", timeStyle: "medium" }),
    },
    {
      id: "actor",
      header: t("colActor"),
      cell: ({ row }) =>
        row.original.actor ? (
          <>
            {row.original.actor.name}
            <br />
            <span className="muted small">{row.original.actor.email}</span>
          </>
        ) : (
          t("system")
        ),
    },
    {
      accessorKey: "action",
      header: t("colAction"),
      cell: ({ row }) => (t.has(`actions.${row.original.action}`) ? t(`actions.${row.original.action}`) : row.original.action),
    },
    {
      id: "subject",
      header: t("colSubject"),
      cell: ({ row }) => {
        const { student, account, studentId } = row.original;
        return (
          <>
            {student ? (
              <StaffLink href={`/admin/eleves/${student.id}`}>{`${student.lastName}, ${student.firstName}`}</StaffLink>
            ) : studentId !== null ? (
              `#${studentId}`
            ) : null}
            {student && account && <br />}
            {account && (
              <StaffLink className="mono small" href={`/admin/comptes/${account.id}`}>
                {account.email}
              </StaffLink>
            )}
            {!student && studentId === null && !account && "—"}
          </>
        );
      },
    },
    {
      id: "place",
      header: t("colPlace"),
      cell: ({ row }) => row.original.schoolName ?? row.original.boardName ?? "—",
    },
    { id: "details", header: t("colDetails"), cell: ({ row }) => <AuditDetails row={row.original} /> },
  ];
}
