"use client";
// Live checklist of the password policy under the password field: the rule the server resolved and will apply.
import { useTranslations } from "next-intl";
import { passwordClasses, type PasswordPolicy } from "@/lib/password-policy";

export function PasswordChecklist({ password, confirmation, policy }: { password: string; confirmation: string; policy: PasswordPolicy }) {
  const t = useTranslations("auth.password");
  const classes = passwordClasses(password);
  const item = (met: boolean, text: string, details?: React.ReactNode) => (
    <li className={met ? "met" : undefined}>
      {text}
      <span className="sr-only">{met ? " ✓" : ""}</span>
      {details}
    </li>
  );
  return (
    <div className="muted" id="password-rules">
      <p>{t("rules")}</p>
      <ul className="checklist">
        {item([...password].length >= policy.minLength, t("ruleLength", { min: policy.minLength }))}
        {/* Only a board's composition rule asks for kinds of character; the default rule asks for none. */}
        {policy.minClasses > 0 &&
          item(
            classes.length >= policy.minClasses,
            t("ruleClasses", { min: policy.minClasses }),
            // The kinds of character belong to the rule above: nested in its item, not an item of their own.
            <ul className="checklist checklist-nested">
              {item(classes.includes("lower"), t("ruleLower"))}
              {item(classes.includes("upper"), t("ruleUpper"))}
              {item(classes.includes("digit"), t("ruleDigit"))}
              {item(classes.includes("symbol"), t("ruleSymbol"))}
            </ul>,
          )}
        {item(password.length > 0 && password === confirmation, t("ruleMatch"))}
      </ul>
      <p>{t("ruleCommon")}</p>
    </div>
  );
}
