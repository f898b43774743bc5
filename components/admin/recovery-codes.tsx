"use client";
// The ten recovery codes, shown once: only their hashes are kept.
import { StaffLink } from "@/components/admin/staff-link";
import { useTranslations } from "next-intl";

export function RecoveryCodes({ codes, continueHref }: { codes: string[]; continueHref?: string }) {
  const t = useTranslations("staffSecurity.recovery");
  return (
    <div className="stack">
      <div className="alert alert-ok" role="status">
        {t("saved")}
      </div>
      <p>{t("intro")}</p>
      <ul className="mono" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <p className="muted">{t("once")}</p>
      {continueHref && (
        <p>
          <StaffLink className="button" href={continueHref}>
            {t("continue")}
          </StaffLink>
        </p>
      )}
    </div>
  );
}
