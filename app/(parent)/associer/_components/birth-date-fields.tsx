"use client";
// Date of birth as day / month / year, the order the guides and report cards use.
import { useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { UseFormRegister } from "react-hook-form";
import type { AssociateByMatchInput } from "@/lib/validations/association";
import { FieldMessage } from "@/app/(parent)/associer/_components/field-message";
import styles from "@/app/(parent)/associer/_components/associate.module.css";

function monthNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2000, i, 15))));
}

export function BirthDateFields({ register, error }: { register: UseFormRegister<AssociateByMatchInput>; error?: string }) {
  const t = useTranslations("associate.birthDate");
  const locale = useLocale();
  const id = useId();
  const invalid = error ? true : undefined;
  const describedBy = error ? `${id}-error` : undefined;
  return (
    <fieldset className={styles.fieldset} aria-describedby={describedBy}>
      <legend>{t("legend")}</legend>
      <div className={styles.dateParts}>
        <div className={styles.datePart}>
          <label htmlFor={`${id}-day`}>{t("day")}</label>
          <input
            id={`${id}-day`}
            inputMode="numeric"
            autoComplete="off"
            maxLength={2}
            placeholder={t("dayPlaceholder")}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register("birthDate.day")}
          />
        </div>
        <div className={styles.datePart}>
          <label htmlFor={`${id}-month`}>{t("month")}</label>
          <select id={`${id}-month`} aria-invalid={invalid} aria-describedby={describedBy} {...register("birthDate.month")}>
            <option value="">{t("monthPlaceholder")}</option>
            {monthNames(locale).map((name, i) => (
              <option key={name} value={String(i + 1)}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.datePart}>
          <label htmlFor={`${id}-year`}>{t("year")}</label>
          <input
            id={`${id}-year`}
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            placeholder={t("yearPlaceholder")}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            {...register("birthDate.year")}
          />
        </div>
      </div>
      <FieldMessage id={`${id}-error`} message={error} />
    </fieldset>
  );
}
