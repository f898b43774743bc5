"use client";
// Live checklist of the password policy under the password field.
import { useTranslations } from "next-intl";
import { passwordClasses, type PasswordPolicy } from "@/lib/password-policy";

export function PasswordChecklist({ password, confirmation, policy }: { password: string; confirmation: string; policy: PasswordPolicy }) {
  const t = useTranslations("auth.password");
  const classes = passwordClasses(password);
  const item = (met: boolean, text: string) => (
    <li className={met ? "met" : undefined}>
      {text}
      <span className="sr-only">{met ? " ✓" : ""}</span>
    </li>
  );
  return (
    <div className="muted" id="password-rules">
      <p>{t("rules")}</p>
      <ul className="checklist">
        {item([...password].length >= policy.minLength, t("ruleLength", { min: policy.minLength }))}
        {item(classes.length >= policy.minClasses, t("ruleClasses", { min: policy.minClasses }))}
        <li>
          <ul className="checklist" style={{ paddingLeft: "1.5rem" }}>
            {item(classes.includes("lower"), t("ruleLower"))}
            {item(classes.includes("upper"), t("ruleUpper"))}
            {item(classes.includes("digit"), t("ruleDigit"))}
            {item(classes.includes("symbol"), t("ruleSymbol"))}
          </ul>
        </li>
        {item(password.length > 0 && password === confirmation, t("ruleMatch"))}
      </ul>
      <p>{t("ruleCommon")}</p>
    </div>
  );
}
