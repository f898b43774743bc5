import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { TotpEnrolment } from "@/components/admin/totp-enrolment";
import { RenewRecoveryCodes } from "@/app/admin/(back-office)/securite/_components/renew-recovery-codes";
import { recoveryCodesLeft } from "@/db/queries/staff-security";
import { passkeysOf } from "@/db/queries/staff-passkeys";
import { PasskeyList } from "@/components/admin/passkey-list";
import { findStaffByEmail } from "@/db/queries/staff";
import { requireStaff } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staffSecurity.page"))("title") };
}

/** The signed-in staff member's own second factors. */
export default async function SecurityPage() {
  const context = await requireStaff();
  const t = await getTranslations("staffSecurity.page");
  const format = await getFormatter();
  const staff = await findStaffByEmail(context.staff.email);
  const left = await recoveryCodesLeft(context.staff.id);
  const passkeys = await passkeysOf(context.staff.id);
  const viaEntra = context.session?.secondFactorMethod === "entra";
  return (
    <main id="main" className="container stack">
      <h1>{t("title")}</h1>
      <p>{context.mfa.required ? t("required") : t("optional")}</p>
      {viaEntra && <div className="alert alert-info">{t("entra")}</div>}
      <section className="card stack" aria-labelledby="totp-heading">
        <h2 id="totp-heading">{t("totpHeading")}</h2>
        {staff?.totpEnabledAt ? (
          <>
            <p>
              <span className="badge badge-ok">{t("totpOn")}</span>{" "}
              {t("totpSince", { date: format.dateTime(staff.totpEnabledAt, { dateStyle: "long" }) })}
            </p>
            <p>{t("recoveryLeft", { count: left })}</p>
            <RenewRecoveryCodes />
            <details>
              <summary>{t("replace")}</summary>
              <TotpEnrolment continueHref="/admin/securite" startLabel={t("replaceStart")} />
            </details>
          </>
        ) : (
          <>
            <p>
              <span className="badge badge-warn">{t("totpOff")}</span>
            </p>
            <TotpEnrolment continueHref="/admin/securite" />
          </>
        )}
      </section>
      <section className="card stack" aria-labelledby="passkeys-heading">
        <h2 id="passkeys-heading">{t("passkeysHeading")}</h2>
        <p>{t("passkeysIntro")}</p>
        <PasskeyList
          passkeys={passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt.toISOString(), lastUsedAt: p.lastUsedAt?.toISOString() ?? null }))}
        />
      </section>
    </main>
  );
}
