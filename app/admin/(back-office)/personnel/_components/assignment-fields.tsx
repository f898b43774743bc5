"use client";
// Role, board and schools of a staff member, for the invitation and the change forms (react-hook-form).
import { useTranslations } from "next-intl";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { useSecurityErrorText } from "@/components/admin/security-alert";

export type SchoolOption = { id: number; name: string; boardId: number; boardName: string };
export type BoardOption = { id: number; name: string };

type AssignmentShape = { role: string; boardId?: unknown; schoolIds?: unknown };

export function AssignmentFields<T extends FieldValues & AssignmentShape>({
  form,
  roles,
  boards,
  schools,
  serverErrors,
}: {
  form: UseFormReturn<T>;
  roles: string[];
  boards: BoardOption[];
  schools: SchoolOption[];
  serverErrors?: Record<string, string[]>;
}) {
  const t = useTranslations("staffAdmin.form");
  const roleName = useTranslations("admin.nav.roles");
  const errorText = useSecurityErrorText();
  const validation = useTranslations("staffAdmin.validation");
  const role = form.watch("role" as Path<T>) as string;
  const boardId = Number(form.watch("boardId" as Path<T>) || 0);
  const errors = form.formState.errors as Record<string, { message?: string } | undefined>;
  const message = (name: string) => {
    const key = errors[name]?.message ?? serverErrors?.[name]?.[0];
    if (!key) return null;
    return (
      <span className="error" role="alert">
        {validation.has(key as never) ? validation(key as never) : errorText(key)}
      </span>
    );
  };
  const boardSchools = schools.filter((s) => s.boardId === boardId);
  return (
    <>
      <div className="field">
        <label htmlFor="staff-role">{t("role")}</label>
        <select id="staff-role" {...form.register("role" as Path<T>)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {roleName(r as never)}
            </option>
          ))}
        </select>
        {message("role")}
      </div>
      {role !== "admin" && (
        <div className="field">
          <label htmlFor="staff-board">{t("board")}</label>
          <select id="staff-board" {...form.register("boardId" as Path<T>)}>
            <option value="">{t("chooseBoard")}</option>
            {boards.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
          {message("boardId")}
        </div>
      )}
      {role === "secretary" && (
        <fieldset className="field">
          <legend>{t("schools")}</legend>
          {boardId === 0 ? (
            <p className="muted">{t("boardFirst")}</p>
          ) : (
            boardSchools.map((s) => (
              <label key={s.id} className="row">
                <input type="checkbox" value={s.id} {...form.register("schoolIds" as Path<T>)} /> {s.name}
              </label>
            ))
          )}
          {message("schoolIds")}
        </fieldset>
      )}
    </>
  );
}
