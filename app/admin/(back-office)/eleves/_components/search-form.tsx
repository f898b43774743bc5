// The student search box with its filters, in the box's GET form: the URL holds the whole search.
import { getTranslations } from "next-intl/server";
import type { ScopeSchool } from "@/db/queries/scope-schools";
import { SchoolPicker } from "@/components/admin/school-picker";
import { GRADES } from "@/db/seed-data/grades";
import { FilterSelect } from "@/components/admin/filter-fields";
import { FilterReset } from "@/components/admin/filter-form";
import { StudentSearchForm } from "@/components/admin/student-search-form";
import type { StudentSearchParams, StudentSort } from "@/lib/validations/student-search";

type Props = {
  search: StudentSearchParams;
  sort: StudentSort;
  /** Whether the scope holds several schools to pick from, and the one chosen (the picker loads the others on demand). */
  offerSchoolPicker: boolean;
  school: ScopeSchool | null;
  showBoard: boolean;
};

export async function StudentSearchFilters({ search, sort, offerSchoolPicker, school, showBoard }: Props) {
  const s = await getTranslations("studentSearch");
  const grades = GRADES.map((grade) => grade.label);
  if (search.grade && !grades.includes(search.grade)) grades.push(search.grade);
  const sortValue = sort.key === "nom" && !sort.descending ? null : `${sort.descending ? "-" : ""}${sort.key}`;
  return (
    <StudentSearchForm defaultValue={search.q}>
      <fieldset>
        <legend>{s("filtersLegend")}</legend>
        <div className="filters">
          {offerSchoolPicker && (
            <SchoolPicker
              id="student-search-school"
              name="ecole"
              label={s("school")}
              selected={school}
              showBoard={showBoard}
            />
          )}
          <FilterSelect
            id="student-search-grade"
            name="niveau"
            label={s("grade")}
            anyLabel={s("allGrades")}
            options={grades.map((grade) => ({ value: grade, label: grade }))}
            defaultValue={search.grade}
          />
          <FilterSelect
            id="student-search-account"
            name="compte"
            label={s("account")}
            anyLabel={s("accountAny")}
            options={[
              { value: "avec", label: s("accountWith") },
              { value: "sans", label: s("accountWithout") },
            ]}
            defaultValue={search.account}
          />
          <label className="choice">
            <input type="checkbox" name="courriel" value="sans" defaultChecked={search.withoutGuardianEmail} />
            {s("withoutEmail")}
          </label>
        </div>
      </fieldset>
      {sortValue && <input type="hidden" name="tri" value={sortValue} />}
      <p className="small">
        <FilterReset href="/admin/eleves">{s("clear")}</FilterReset>
      </p>
    </StudentSearchForm>
  );
}
