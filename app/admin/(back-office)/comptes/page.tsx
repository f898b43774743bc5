import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";
import { AccountsTable } from "@/app/admin/(back-office)/comptes/_components/accounts-table";
import { searchParentAccountsForStaff } from "@/db/queries/parent-accounts-admin";
import { requireStaff } from "@/lib/auth/session";
import { FilterForm, FilterSubmit } from "@/components/admin/filter-form";
import { ResultsStatus } from "@/components/admin/results-status";
import { ACCOUNT_SEARCH_MIN_LENGTH, accountSearchKind, accountSearchSchema } from "@/lib/validations/parent-accounts-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminAccounts"))("title") };
}

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { scope } = await requireStaff();
  const t = await getTranslations("adminAccounts");
  const { q } = accountSearchSchema.parse(await searchParams);
  const kind = accountSearchKind(q);
  const result = kind === "partial" || kind === "address" ? await searchParentAccountsForStaff(scope, q) : null;
  const email = q.toLowerCase();
  // What the search found, said in the status region whatever it is (no search yet and a search too short included).
  // For a whole address, whether an account uses it: the account's link or the records listing it follow below.
  const summary =
    result === null ? (kind === "tooShort" ? t("summaryTooShort", { min: ACCOUNT_SEARCH_MIN_LENGTH, query: q }) : t("summaryNoSearch"))
    : kind === "address" ? (result.exact ? t("exists", { email: result.exact.email }) : scope.kind === "all" ? t("noAccount", { email }) : t("noAccountInScope", { email }))
    : result.more ? t("summaryFirst", { count: result.rows.length, query: q })
    : t("summary", { count: result.rows.length, query: q });
  const summaryClass = result === null || kind !== "address" ? "muted" : result.exact ? "alert alert-ok" : "alert alert-warn";

  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <p className="muted">{scope.kind === "all" ? t("introAll") : t("introScoped")}</p>
      <FilterForm action="/admin/comptes" className="card search-form stack" role="search">
        <div className="field">
          <label htmlFor="account-q">{t("searchLabel")}</label>
          <span id="account-q-hint" className="hint">
            {t("searchHint", { min: ACCOUNT_SEARCH_MIN_LENGTH })}
          </span>
          <div className="row">
            <input id="account-q" name="q" type="search" defaultValue={q} maxLength={254} autoComplete="off" aria-describedby="account-q-hint" />
            <FilterSubmit>{t("searchSubmit")}</FilterSubmit>
          </div>
        </div>
      </FilterForm>

      {/* Announced when a search changes it: what the search found (the account or the records follow below). */}
      <ResultsStatus shown={q} className={summaryClass}>
        {summary}
      </ResultsStatus>

      {result && kind === "address" && (
        <section className="stack">
          {result.exact ? (
            <p>
              <StaffLink href={`/admin/comptes/${result.exact.id}`}>{t("open")}</StaffLink>
            </p>
          ) : result.onRecordOf.length > 0 ? (
            <>
              <p>{t("onRecordOf")}</p>
              <ul>
                {result.onRecordOf.map((s) => (
                  <li key={s.id}>
                    <StaffLink href={`/admin/eleves/${s.id}`}>{`${s.lastName}, ${s.firstName}`}</StaffLink>{" "}
                    <span className="muted">
                      ({s.schoolName}, {t("ficheShort", { fiche: s.fiche })})
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t("onNoRecord")}</p>
          )}
        </section>
      )}

      {result && (kind !== "address" || result.rows.length > 1 || (result.rows.length === 1 && !result.exact)) && (
        <section className="stack" aria-labelledby="accounts-results">
          <h2 id="accounts-results">{t("results")}</h2>
          <AccountsTable rows={result.rows} />
        </section>
      )}
    </main>
  );
}
