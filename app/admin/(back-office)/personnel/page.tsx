import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { BoardMfaToggle } from "@/app/admin/(back-office)/personnel/_components/board-mfa-toggle";
import { BoardPasswordRule } from "@/app/admin/(back-office)/personnel/_components/board-password-rule";
import { InviteForm } from "@/app/admin/(back-office)/personnel/_components/invite-form";
import { StaffTable } from "@/app/admin/(back-office)/personnel/_components/staff-table";
import { boardsForStaffAdmin, listStaff } from "@/db/queries/staff-admin";
import { platformPasswordPolicy } from "@/db/queries/password-policy";
import { schoolsInScope } from "@/db/queries/scope-schools";
import { requireStaff } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { assignableRoles, canAdministerStaff } from "@/lib/staff/admin-rules";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staffAdmin"))("title") };
}

export default async function PersonnelPage() {
  const context = await requireStaff();
  if (!canAdministerStaff(context.staff)) notFound();
  const t = await getTranslations("staffAdmin");
  const [rows, boards, schools] = await Promise.all([listStaff(context.staff), boardsForStaffAdmin(context.staff), schoolsInScope(context.scope)]);
  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <p>{context.scope.kind === "all" ? t("introAll") : t("introBoard")}</p>
      <p className="muted">{t("stepUpNote")}</p>
      <StaffTable rows={rows} />
      <section className="card stack" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("invite.title")}</h2>
        <p>{t("invite.intro")}</p>
        <InviteForm roles={assignableRoles(context.staff)} boards={boards.map(({ id, name }) => ({ id, name }))} schools={schools} />
      </section>
      <section className="card stack" aria-labelledby="boards-heading">
        <h2 id="boards-heading">{t("boards.title")}</h2>
        <p>{t("boards.intro")}</p>
        <ul className="stack">
          {boards.map((board) => (
            <BoardMfaToggle key={board.id} board={board} />
          ))}
        </ul>
      </section>
      <section className="card stack" aria-labelledby="password-rule-heading">
        <h2 id="password-rule-heading">{t("passwordRule.title")}</h2>
        <p>{t("passwordRule.intro", { min: platformPasswordPolicy.minLength })}</p>
        <ul className="stack">
          {boards.map((board) => (
            <BoardPasswordRule
              key={board.id}
              board={board}
              signupUrl={`${env.APP_URL}/inscription?organisme=${encodeURIComponent(board.code)}`}
            />
          ))}
        </ul>
      </section>
    </main>
  );
}
