// The labelled fields of the back-office filter forms (GET forms through components/admin/filter-form.tsx: the URL
// holds the filters).

export function FilterInput({
  id,
  name,
  label,
  type = "search",
  defaultValue,
  maxLength,
  required,
}: {
  id: string;
  name: string;
  label: string;
  type?: "search" | "date";
  defaultValue?: string | null;
  maxLength?: number;
  required?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} defaultValue={defaultValue ?? ""} maxLength={maxLength} required={required} />
    </div>
  );
}

export type FilterOption = { value: string | number; label: string };

/**
 * A choice among `options`; with `anyLabel`, a first empty option that leaves the filter off. data-applied names the
 * filter the page applied: React selects an option of an uncontrolled <select> when it mounts only, so FilterForm
 * selects it again after a client navigation.
 */
export function FilterSelect({
  id,
  name,
  label,
  options,
  anyLabel,
  defaultValue,
}: {
  id: string;
  name: string;
  label: string;
  options: readonly FilterOption[];
  anyLabel?: string;
  defaultValue?: string | number | null;
}) {
  const applied = defaultValue == null ? "" : String(defaultValue);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={applied} data-applied={applied}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
