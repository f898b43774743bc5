// The student search box: a GET form, so results have a URL staff can share or reload. The students page puts its
// filters inside the same form (children). Through FilterForm (next/form), a search is a client navigation once the
// page's script has loaded (before that, a plain GET): the server renders the results page's segment alone, as for a
// link, instead of a whole document with the back-office layout, header and every row twice (HTML and RSC payload).
import { FilterForm, FilterSubmit } from "@/components/admin/filter-form";
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
    <FilterForm action="/admin/eleves" role="search" className={children ? "search-form stack" : "search-form"}>
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
          <FilterSubmit>{t("submit")}</FilterSubmit>
        </div>
      </div>
      {children}
    </FilterForm>
  );
}
