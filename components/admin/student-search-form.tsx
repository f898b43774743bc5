// The student search box: a plain GET form, so results have a URL staff can share or reload.
import { getTranslations } from "next-intl/server";

export async function StudentSearchForm({ defaultValue = "", autoFocus = false }: { defaultValue?: string; autoFocus?: boolean }) {
  const t = await getTranslations("admin.search");
  return (
    <form action="/admin/eleves" method="get" role="search" className="search-form">
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
            maxLength={200}
            aria-describedby="student-search-hint"
            autoFocus={autoFocus}
            className="grow"
          />
          <button type="submit">{t("submit")}</button>
        </div>
      </div>
    </form>
  );
}
