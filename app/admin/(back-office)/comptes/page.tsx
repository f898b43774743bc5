import type { Metadata } from "next";
import { StaffLink } from "@/components/admin/staff-link";
import { getTranslations } from "next-intl/server";
import { AccountsTable } from "@/app/admin/(back-office)/comptes/_components/accounts-table";
import { searchParentAccountsForStaff } from "@/db/queries/parent-accounts-admin";
import { requireStaff } from "@/lib/auth/session";
import { FilterForm, FilterSubmit } from "@/components/admin/filter-form";
import { ResultsStatus } from "@/components/admin/results-status";
import { ACCOUNT_SEARCH_LIMIT, accountSearchSchema } from "@/lib/validations/parent-accounts-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("adminAccounts"))("title") };
}

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { scope } = await requireStaff();
  const t = await getTranslations("adminAccounts");
  const { q } = accountSearchSchema.parse(await searchParams);
  const result = q ? await searchParentAccountsForStaff(scope, q) : null;
  const wholeAddress = /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(q);
  // What the search found, said in the status region whatever it is (no search yet and nothing found included).
  const summary =
    result === null ? t("summaryNoSearch")
    : result.rows.length >= ACCOUNT_SEARCH_LIMIT ? t("summaryFirst", { count: result.rows.length, query: q })
    : t("summary", { count: result.rows.length, query: q });

  return (
    <main id="main" className="container-wide stack">
      <h1>{t("title")}</h1>
      <p className="muted">{scope.kind === "all" ? t("introAll") : t("introScoped")}</p>
      <FilterForm action="/admin/comptes" className="card search-form stack" role="search">
        <div className="field">
          <label htmlFor="account-q">{t("searchLabel")}</label>
          <span id="account-q-hint" className="hint">
            {t("searchHint")}
          </span>
          <div className="row">
            <input id="account-q" name="q" type="search" defaultValue={q} maxLength={254} autoComplete="off" aria-describedby="account-q-hint" />
            <FilterSubmit>{t("searchSubmit")}</FilterSubmit>
          </div>
        </div>
      </FilterForm>

      {/* Announced when a search changes it: how many accounts it found (the account or the records follow below). */}
      <ResultsStatus shown={q} className="muted">
        {summary}
      </ResultsStatus>

      {result && wholeAddress && (
        <section className="stack">
          {result.exact ? (
            <div className="alert alert-ok stack">
              <p>{t("exists", { email: result.exact.email })}</p>
              <p>
                <StaffLink href={`/admin/comptes/${result.exact.id}`}>{t("open")}</StaffLink>
              </p>
            </div>
          ) : (
            <div className="alert alert-warn stack">
              <p>{scope.kind === "all" ? t("noAccount", { email: q.toLowerCase() }) : t("noAccountInScope", { email: q.toLowerCase() })}</p>
              {result.onRecordOf.length > 0 ? (
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
            </div>
          )}
        </section>
      )}

      {result && (!wholeAddress || result.rows.length > 1 || (result.rows.length === 1 && !result.exact)) && (
        <section className="stack" aria-labelledby="accounts-results">
          <h2 id="accounts-results">{t("results")}</h2>
          <AccountsTable rows={result.rows} />
        </section>
      )}
    </main>
  );
}
