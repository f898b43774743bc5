// The student search box: a plain GET form, so results have a URL staff can share or reload. The students page
// puts its filters inside the same form (children).
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SEARCH_QUERY_MAX_LENGTH } from "@/lib/validations/student-search";

export async function StudentSearchForm({
  defaultValue = "",
  autoFocus = false,
  children,
}: {
  defaultValue?: string;
  autoFocus?: boolean;
  children?: ReactNode;
}) {
  const t = await getTranslations("admin.search");
  return (
    <form action="/admin/eleves" method="get" role="search" className={children ? "search-form stack" : "search-form"}>
      <div className="field">
        <label htmlFor="student-search">{t("label")}</label>
        <span id="student-search-hint" className="hint">
          {t("hint")}
        </span>
        <div className="row">
          <input
            id="student-search"
            name="q"
            type="search"
            defaultValue={defaultValue}
            maxLength={SEARCH_QUERY_MAX_LENGTH}
            aria-describedby="student-search-hint"
            autoFocus={autoFocus}
            className="grow"
          />
          <button type="submit">{t("submit")}</button>
        </div>
      </div>
      {children}
    </form>
  );
}
