import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ChangeAssignmentForm } from "@/app/admin/(back-office)/personnel/[id]/_components/change-assignment-form";
import { DeactivateForm } from "@/app/admin/(back-office)/personnel/[id]/_components/deactivate-form";
import { StaffActionButton } from "@/app/admin/(back-office)/personnel/[id]/_components/staff-action-button";
import { boardsForStaffAdmin, getStaffMember, pendingAccessLink } from "@/db/queries/staff-admin";
import { schoolsInScope } from "@/db/queries/scope-schools";
import { requireStaff } from "@/lib/auth/session";
import { assignableRoles } from "@/lib/staff/admin-rules";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staffAdmin.detail"))("title") };
}

export default async function StaffMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const context = await requireStaff();
  const member = await getStaffMember(context.staff, id);
  if (!member) notFound();
  const t = await getTranslations("staffAdmin");
  const roles = await getTranslations("admin.nav.roles");
  const format = await getFormatter();
  const when = (date: Date | null) => (date ? format.dateTime(date, { dateStyle: "long", timeStyle: "short" }) : t("list.never"));
  const own = member.id === context.staff.id;
  const [boards, schools, invitation] = await Promise.all([
    boardsForStaffAdmin(context.staff),
    schoolsInScope(context.scope),
    member.status === "invited" ? pendingAccessLink(member.id, "invitation") : null,
  ]);
  const mfa = [member.mfa.totp ? t("list.mfaTotp") : null, member.mfa.passkeys ? t("list.mfaPasskeys", { count: member.mfa.passkeys }) : null]
    .filter(Boolean)
    .join(" + ");
  return (
    <main id="main" className="container stack">
      <p>
        <StaffLink href="/admin/personnel">{t("detail.back")}</StaffLink>
      </p>
      <h1>{member.name}</h1>
      <dl className="card">
        <dt>{t("detail.email")}</dt>
        <dd className="mono">{member.email}</dd>
        <dt>{t("list.colRole")}</dt>
        <dd>{roles(member.role as never)}</dd>
        <dt>{t("list.colWhere")}</dt>
        <dd>{member.role === "admin" ? t("list.everywhere") : [member.boardName, ...member.schools.map((s) => s.name)].filter(Boolean).join(" — ")}</dd>
        <dt>{t("list.colStatus")}</dt>
        <dd>
          {t(`list.status.${member.status}`)}
          {invitation && <> — {t("detail.invitationUntil", { until: when(invitation.expiresAt) })}</>}
        </dd>
        <dt>{t("list.colLastSignIn")}</dt>
        <dd>{when(member.lastSigninAt)}</dd>
        <dt>{t("list.colFailures")}</dt>
        <dd>
          {member.consecutiveFailures}
          {member.lockedUntil && <> — {t("detail.lockedUntil", { until: when(member.lockedUntil) })}</>}
        </dd>
        <dt>{t("list.colMfa")}</dt>
        <dd>{mfa || (member.mfa.required ? t("list.mfaMissing") : t("list.mfaNone"))}</dd>
      </dl>
      {own ? (
        <div className="alert alert-info">{t("detail.ownAccount")}</div>
      ) : (
        <>
          {member.status !== "disabled" && (
            <section className="card stack" aria-labelledby="assignment-heading">
              <h2 id="assignment-heading">{t("detail.assignmentTitle")}</h2>
              <ChangeAssignmentForm
                staffId={member.id}
                current={{ role: member.role, boardId: member.boardId, schoolIds: member.schools.map((s) => s.id) }}
                roles={assignableRoles(context.staff)}
                boards={boards.map(({ id: boardId, name }) => ({ id: boardId, name }))}
                schools={schools}
              />
            </section>
          )}
          <section className="card stack" aria-labelledby="account-heading">
            <h2 id="account-heading">{t("detail.accountTitle")}</h2>
            {member.status === "invited" && <StaffActionButton staffId={member.id} action="resendInvitation" />}
            {member.status === "active" && <StaffActionButton staffId={member.id} action="resetPassword" />}
            {member.consecutiveFailures > 0 && <StaffActionButton staffId={member.id} action="liftLockout" />}
            {member.status === "disabled" ? (
              <StaffActionButton staffId={member.id} action="reactivate" />
            ) : (
              <>
                <h3>{t("detail.deactivate.title")}</h3>
                <p>{t("detail.deactivate.intro")}</p>
                <DeactivateForm staffId={member.id} />
              </>
            )}
          </section>
        </>
      )}
    </main>
  );
}
