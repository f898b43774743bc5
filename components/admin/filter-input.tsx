// One labelled input of a back-office filter form (a plain GET form: the URL holds the filters).
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
